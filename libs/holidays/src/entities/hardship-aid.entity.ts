import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn, VersionNumberColumn } from '#core';

export const HARDSHIP_AID_STATUSES = ['submitted', 'approved', 'rejected', 'paid'] as const;
export type HardshipAidStatus = (typeof HARDSHIP_AID_STATUSES)[number];

/** Where an application may move from each status; rejected and paid are final. */
export const HARDSHIP_AID_TRANSITIONS: Record<HardshipAidStatus, readonly HardshipAidStatus[]> = {
  submitted: ['approved', 'rejected'],
  approved: ['paid'],
  rejected: [],
  paid: [],
};

/** An application still under way: a student may have one per holiday. */
export const HARDSHIP_AID_OPEN_UNIQUE = 'hardship_aid_applications_open_key';

/**
 * Temporary hardship aid for a disaster-affected student over one holiday. A class teacher,
 * counselor or administrator applies; an administrator other than the applicant approves or
 * rejects it (with a reason), and records the payment. Amounts are in fen (1/100 CNY). The
 * circumstances and the rejection reason are free text, encrypted by the application (bound to
 * the row's id).
 */
@Entity('hardship_aid_applications')
@Check('hardship_aid_applications_status_check', `status IN ('submitted', 'approved', 'rejected', 'paid')`)
@Check('hardship_aid_applications_amount_check', 'amount_requested_fen > 0')
@Check('hardship_aid_applications_rejected_check', `(status = 'rejected') = (rejection_reason IS NOT NULL)`)
@Check(
  'hardship_aid_applications_paid_check',
  `(status = 'paid') = (amount_paid_fen IS NOT NULL AND paid_at IS NOT NULL AND payment_reference IS NOT NULL AND paid_by IS NOT NULL)`,
)
@Check('hardship_aid_applications_amount_paid_check', 'amount_paid_fen IS NULL OR amount_paid_fen > 0')
@Index(HARDSHIP_AID_OPEN_UNIQUE, ['holidayId', 'studentId'], { unique: true, where: `status IN ('submitted', 'approved')` })
@Index('hardship_aid_applications_school_holiday_idx', ['schoolId', 'holidayId', 'status'])
@Index('hardship_aid_applications_student_idx', ['studentId'])
export class HardshipAidApplication {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'hardship_aid_applications_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  holidayId: string;

  @ManyToOne('SchoolHoliday', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'holiday_id', foreignKeyConstraintName: 'hardship_aid_applications_holiday_fk' })
  holiday?: unknown;

  @Column({ type: 'uuid' })
  studentId: string;

  @ManyToOne('Student', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'student_id', foreignKeyConstraintName: 'hardship_aid_applications_student_fk' })
  student?: unknown;

  @Column({ type: 'text' })
  status: HardshipAidStatus;

  @Column({ type: 'integer' })
  amountRequestedFen: number;

  @Column({ type: 'text' })
  circumstances: string;

  @Column({ type: 'uuid' })
  appliedBy: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'applied_by', foreignKeyConstraintName: 'hardship_aid_applications_applied_by_fk' })
  applicant?: unknown;

  @Column({ type: 'uuid', nullable: true })
  reviewedBy: string | null;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reviewed_by', foreignKeyConstraintName: 'hardship_aid_applications_reviewed_by_fk' })
  reviewer?: unknown;

  @TimestampColumn({ nullable: true })
  reviewedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  rejectionReason: string | null;

  @Column({ type: 'integer', nullable: true })
  amountPaidFen: number | null;

  @TimestampColumn({ nullable: true })
  paidAt: Date | null;

  @Column({ type: 'text', nullable: true })
  paymentReference: string | null;

  @Column({ type: 'uuid', nullable: true })
  paidBy: string | null;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'paid_by', foreignKeyConstraintName: 'hardship_aid_applications_paid_by_fk' })
  payer?: unknown;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}

/** One step of an application, kept for good: who moved it, when, from what to what. */
@Entity('hardship_aid_transitions')
@Check('hardship_aid_transitions_to_check', `to_status IN ('submitted', 'approved', 'rejected', 'paid')`)
@Check('hardship_aid_transitions_from_check', `from_status IS NULL OR from_status IN ('submitted', 'approved', 'rejected', 'paid')`)
@Index('hardship_aid_transitions_application_idx', ['applicationId', 'at'])
export class HardshipAidTransition {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @ManyToOne('HardshipAidApplication', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'hardship_aid_transitions_application_fk' })
  application?: unknown;

  @Column({ type: 'text', nullable: true })
  fromStatus: HardshipAidStatus | null;

  @Column({ type: 'text' })
  toStatus: HardshipAidStatus;

  @Column({ type: 'uuid' })
  actorId: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'hardship_aid_transitions_actor_fk' })
  actor?: unknown;

  @TimestampColumn()
  at: Date;
}
