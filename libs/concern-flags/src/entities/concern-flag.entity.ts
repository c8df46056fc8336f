import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn, VersionNumberColumn } from '#core';

export const FLAG_CATEGORIES = [
  'low_mood_or_withdrawal',
  'self_harm_or_suicide_talk',
  'academic_decline',
  'bullying_victim',
  'bullying_perpetrator',
  'family_crisis',
  'sleep_or_health',
  'other',
] as const;
export type FlagCategory = (typeof FLAG_CATEGORIES)[number];

export const FLAG_SEVERITIES = ['low', 'medium', 'high', 'urgent'] as const;
export type FlagSeverity = (typeof FLAG_SEVERITIES)[number];

/** The counselor's side of a flag. Teachers see only a coarser status (see teacherStatusOf). */
export const FLAG_STATUSES = ['new', 'under_review', 'monitoring', 'case_opened', 'dismissed', 'closed'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

/**
 * A class teacher's concern about a student of their class. What was observed and the
 * counselor's triage reason are encrypted; the teacher who raised it sees its status only.
 */
@Entity('concern_flags')
@Index('concern_flags_school_status_created_idx', ['schoolId', 'status', 'createdAt', 'id'])
@Index('concern_flags_raised_by_created_idx', ['raisedBy', 'createdAt', 'id'])
@Index('concern_flags_student_created_idx', ['studentId', 'createdAt'])
@Check(
  'concern_flags_category_check',
  `category IN ('low_mood_or_withdrawal', 'self_harm_or_suicide_talk', 'academic_decline', 'bullying_victim', 'bullying_perpetrator', 'family_crisis', 'sleep_or_health', 'other')`,
)
@Check('concern_flags_severity_check', `severity IN ('low', 'medium', 'high', 'urgent')`)
@Check('concern_flags_status_check', `status IN ('new', 'under_review', 'monitoring', 'case_opened', 'dismissed', 'closed')`)
export class ConcernFlag {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'concern_flags_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  studentId: string;

  @ManyToOne('Student', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'student_id', foreignKeyConstraintName: 'concern_flags_student_fk' })
  student?: unknown;

  @Column({ type: 'uuid' })
  raisedBy: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'raised_by', foreignKeyConstraintName: 'concern_flags_raised_by_fk' })
  raiser?: unknown;

  @Column({ type: 'text' })
  category: FlagCategory;

  @Column({ type: 'text' })
  severity: FlagSeverity;

  @TimestampColumn()
  observedAt: Date;

  /** Encrypted (FieldCipher, bound to this row). */
  @Column({ type: 'text' })
  observation: string;

  @Column({ type: 'text', default: 'new' })
  status: FlagStatus;

  @Column({ type: 'uuid', nullable: true })
  triagedBy: string | null;

  @TimestampColumn({ nullable: true })
  triagedAt: Date | null;

  /** Encrypted; the counselor's reason (required to dismiss). Never shown to the teacher. */
  @Column({ type: 'text', nullable: true })
  triageReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  alertId: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}
