import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn } from '#core';
import type { SessionMode } from '../availability/availability.js';

export const EXCEPTION_KINDS = ['leave', 'extra'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

/** Leave (time away from the weekly rules) or extra hours (time added to them). */
@Entity('counselor_availability_exceptions')
@Index('counselor_availability_exceptions_counselor_idx', ['counselorId', 'startsAt', 'id'])
@Check('counselor_availability_exceptions_kind_check', `kind IN ('leave', 'extra')`)
@Check('counselor_availability_exceptions_span_check', 'ends_at > starts_at')
@Check('counselor_availability_exceptions_mode_check', `(kind = 'leave' AND mode IS NULL) OR (kind = 'extra' AND mode IN ('room', 'phone', 'video'))`)
export class CounselorAvailabilityException {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'counselor_availability_exceptions_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  counselorId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'counselor_id', foreignKeyConstraintName: 'counselor_availability_exceptions_counselor_fk' })
  counselor?: unknown;

  @Column({ type: 'text' })
  kind: ExceptionKind;

  @TimestampColumn()
  startsAt: Date;

  @TimestampColumn()
  endsAt: Date;

  /** Extra hours only. */
  @Column({ type: 'text', nullable: true })
  mode: SessionMode | null;

  @Column({ type: 'text', nullable: true })
  place: string | null;

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreatedAtColumn()
  createdAt: Date;
}
