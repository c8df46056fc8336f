import { Check, Column, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn, VersionNumberColumn } from '#core';
import type { SessionMode } from '../availability/availability.js';
import type { AppointmentStatus } from '../appointments/appointment-status.js';

/** Why a class teacher asks for a session: categories, never clinical detail. */
export const REQUEST_REASONS = [
  'academic_pressure',
  'peer_relationships',
  'family_matters',
  'emotional_wellbeing',
  'adjustment_to_school',
  'behaviour_in_class',
  'follow_up_of_concern',
  'other',
] as const;
export type RequestReason = (typeof REQUEST_REASONS)[number];

/**
 * The two exclusion constraints are the "never double-booked" rule: among scheduled sessions and
 * held offers, no two of one counselor, and no two of one student, share a moment. The ranges
 * are half-open, so a session ending at 10:00 and one starting at 10:00 are both fine.
 */
export const COUNSELOR_OVERLAP_CONSTRAINT = 'appointments_counselor_no_overlap';
export const STUDENT_OVERLAP_CONSTRAINT = 'appointments_student_no_overlap';
const HOLDING = `WHERE ((status = ANY (ARRAY['scheduled'::text, 'offered'::text])))`;

/**
 * A counseling session, from a class teacher's request (or a counselor's booking) to its end.
 * A request has no time until a counselor confirms it into a slot; a rescheduled session points
 * to the one that replaced it.
 */
@Entity('appointments')
@Exclusion(COUNSELOR_OVERLAP_CONSTRAINT, `USING gist (counselor_id WITH =, tstzrange(starts_at, ends_at, '[)'::text) WITH &&) ${HOLDING}`)
@Exclusion(STUDENT_OVERLAP_CONSTRAINT, `USING gist (student_id WITH =, tstzrange(starts_at, ends_at, '[)'::text) WITH &&) ${HOLDING}`)
@Index('appointments_counselor_created_idx', ['counselorId', 'createdAt', 'id'])
@Index('appointments_requester_created_idx', ['requestedBy', 'createdAt', 'id'])
@Index('appointments_waiting_idx', ['schoolId', 'createdAt', 'id'], { where: `status = 'requested'` })
@Index('appointments_counselor_starts_idx', ['counselorId', 'startsAt'])
@Index('appointments_school_starts_idx', ['schoolId', 'startsAt'])
@Index('appointments_student_idx', ['studentId', 'createdAt'])
@Index('appointments_offer_expiry_idx', ['offerExpiresAt'], { where: `status = 'offered'` })
@Check(
  'appointments_status_check',
  `status IN ('requested', 'offered', 'scheduled', 'completed', 'cancelled', 'no_show', 'rescheduled', 'declined')`,
)
@Check('appointments_mode_check', `mode IS NULL OR mode IN ('room', 'phone', 'video')`)
@Check(
  'appointments_reason_check',
  `request_reason IS NULL OR request_reason IN ('academic_pressure', 'peer_relationships', 'family_matters', 'emotional_wellbeing', 'adjustment_to_school', 'behaviour_in_class', 'follow_up_of_concern', 'other')`,
)
@Check('appointments_span_check', '(starts_at IS NULL AND ends_at IS NULL) OR ends_at > starts_at')
@Check('appointments_length_check', `ends_at - starts_at <= interval '4 hours'`)
@Check(
  'appointments_timed_check',
  `status IN ('requested', 'declined', 'cancelled') OR (starts_at IS NOT NULL AND counselor_id IS NOT NULL AND mode IS NOT NULL)`,
)
@Check('appointments_window_check', 'preferred_to IS NULL OR preferred_to > preferred_from')
export class Appointment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'appointments_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  studentId: string;

  @ManyToOne('Student', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'student_id', foreignKeyConstraintName: 'appointments_student_fk' })
  student?: unknown;

  /** Who holds the session; null while a request waits for any counselor. */
  @Column({ type: 'uuid', nullable: true })
  counselorId: string | null;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'counselor_id', foreignKeyConstraintName: 'appointments_counselor_fk' })
  counselor?: unknown;

  @Column({ type: 'text' })
  status: AppointmentStatus;

  @TimestampColumn({ nullable: true })
  startsAt: Date | null;

  @TimestampColumn({ nullable: true })
  endsAt: Date | null;

  @Column({ type: 'text', nullable: true })
  mode: SessionMode | null;

  @Column({ type: 'text', nullable: true })
  place: string | null;

  /** The counselor or class teacher who created it. */
  @Column({ type: 'uuid' })
  requestedBy: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by', foreignKeyConstraintName: 'appointments_requested_by_fk' })
  requester?: unknown;

  /** When the teacher's request was made; carried to a rescheduled session, for the wait report. */
  @TimestampColumn({ nullable: true })
  requestedAt: Date | null;

  /** The counselor the teacher asked for, if any: a released offer waits for them again. */
  @Column({ type: 'uuid', nullable: true })
  requestedCounselorId: string | null;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_counselor_id', foreignKeyConstraintName: 'appointments_requested_counselor_fk' })
  requestedCounselor?: unknown;

  @Column({ type: 'text', nullable: true })
  requestReason: RequestReason | null;

  @TimestampColumn({ nullable: true })
  preferredFrom: Date | null;

  @TimestampColumn({ nullable: true })
  preferredTo: Date | null;

  /** Until when a freed slot is held for this request. */
  @TimestampColumn({ nullable: true })
  offerExpiresAt: Date | null;

  /** The student's open case at booking, to which this session was linked as a signal. */
  @Column({ type: 'uuid', nullable: true })
  caseId: string | null;

  @ManyToOne('Case', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'appointments_case_fk' })
  case?: unknown;

  @Column({ type: 'uuid', nullable: true })
  rescheduledFrom: string | null;

  @ManyToOne('Appointment', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rescheduled_from', foreignKeyConstraintName: 'appointments_rescheduled_from_fk' })
  predecessor?: unknown;

  @Column({ type: 'uuid', nullable: true })
  rescheduledTo: string | null;

  @ManyToOne('Appointment', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rescheduled_to', foreignKeyConstraintName: 'appointments_rescheduled_to_fk' })
  successor?: unknown;

  /** Who cancelled, declined or withdrew it, when and why (the reason encrypted). */
  @Column({ type: 'uuid', nullable: true })
  cancelledBy: string | null;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cancelled_by', foreignKeyConstraintName: 'appointments_cancelled_by_fk' })
  canceller?: unknown;

  @TimestampColumn({ nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'text', nullable: true })
  cancellationReason: string | null;

  /** When it was marked completed or no-show. */
  @TimestampColumn({ nullable: true })
  outcomeRecordedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}
