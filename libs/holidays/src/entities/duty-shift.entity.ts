import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn, VersionNumberColumn } from '#core';

export const DUTY_SHIFT_UNIQUE = 'duty_shifts_school_date_shift_key';

/**
 * One shift of the duty roster. `starts_at`/`ends_at` are the shift's instants, fixed from the
 * date, the shift's hours and the school's zone when it is written, so "who is on duty now" is a
 * plain range lookup. `handover_notes` is encrypted by the application.
 */
@Entity('duty_shifts')
@Unique(DUTY_SHIFT_UNIQUE, ['schoolId', 'dutyDate', 'shift'])
@Check('duty_shifts_shift_check', `shift IN ('day', 'night')`)
@Check('duty_shifts_span_check', 'ends_at > starts_at')
@Index('duty_shifts_school_starts_idx', ['schoolId', 'startsAt'])
@Index('duty_shifts_officer_starts_idx', ['officerId', 'startsAt'])
export class DutyShift {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'duty_shifts_school_fk' })
  school?: unknown;

  @Column({ type: 'date' })
  dutyDate: string;

  @Column({ type: 'text' })
  shift: 'day' | 'night';

  @Column({ type: 'uuid' })
  officerId: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'officer_id', foreignKeyConstraintName: 'duty_shifts_officer_fk' })
  officer?: unknown;

  @Column({ type: 'text' })
  phone: string;

  @TimestampColumn()
  startsAt: Date;

  @TimestampColumn()
  endsAt: Date;

  @TimestampColumn({ nullable: true })
  lastConfirmedReachableAt: Date | null;

  @Column({ type: 'text', nullable: true })
  handoverNotes: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}
