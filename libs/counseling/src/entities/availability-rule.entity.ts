import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '#core';
import type { SessionMode } from '../availability/availability.js';

/** A weekly recurring block of a counselor's availability, in the school's local time. */
@Entity('counselor_availability_rules')
@Index('counselor_availability_rules_counselor_idx', ['counselorId', 'weekday', 'startMinute', 'id'])
@Check('counselor_availability_rules_weekday_check', 'weekday BETWEEN 1 AND 7')
@Check('counselor_availability_rules_minutes_check', 'start_minute >= 0 AND end_minute <= 1440 AND start_minute < end_minute')
@Check('counselor_availability_rules_mode_check', `mode IN ('room', 'phone', 'video')`)
export class CounselorAvailabilityRule {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'counselor_availability_rules_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  counselorId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'counselor_id', foreignKeyConstraintName: 'counselor_availability_rules_counselor_fk' })
  counselor?: unknown;

  /** ISO weekday: 1 Monday ... 7 Sunday. */
  @Column({ type: 'smallint' })
  weekday: number;

  /** Minutes after local midnight. */
  @Column({ type: 'smallint' })
  startMinute: number;

  @Column({ type: 'smallint' })
  endMinute: number;

  @Column({ type: 'text' })
  mode: SessionMode;

  /** A room, or where a call is taken; never about a student. */
  @Column({ type: 'text', nullable: true })
  place: string | null;

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreatedAtColumn()
  createdAt: Date;
}
