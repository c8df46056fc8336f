import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn, VersionNumberColumn } from '#core';
import type { KeyWindowKind } from '#holidays';

export const REMINDER_STATUSES = ['open', 'acknowledged', 'snoozed', 'done'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

export const REMINDER_SUBJECT_TYPES = ['class', 'student', 'case', 'school'] as const;
export type ReminderSubjectType = (typeof REMINDER_SUBJECT_TYPES)[number];

/** The key that makes a sweep run twice, or on three instances at once, create each reminder once. */
export const REMINDER_OCCURRENCE_UNIQUE = 'reminders_occurrence_key';

/**
 * A task the sweep created for one person at one window occurrence (rule, holiday, period of a
 * repeating rule), about one subject, with a due time. It closes itself when its condition is met
 * (completed_by null) or by the recipient with a note (encrypted), and goes to the recipient's
 * superior when overdue.
 */
@Entity('reminders')
@Unique(REMINDER_OCCURRENCE_UNIQUE, ['ruleId', 'holidayId', 'periodNo', 'subjectId', 'recipientId'])
@Index('reminders_recipient_status_due_idx', ['recipientId', 'status', 'dueAt', 'id'])
@Index('reminders_school_status_due_idx', ['schoolId', 'status', 'dueAt', 'id'])
@Index('reminders_rule_open_idx', ['ruleId', 'holidayId'], { where: `status <> 'done'` })
@Index('reminders_escalation_due_idx', ['escalateAt'], { where: `status <> 'done' AND escalated_at IS NULL` })
@Index('reminders_snoozed_idx', ['snoozedUntil'], { where: `status = 'snoozed'` })
@Index('reminders_school_escalated_idx', ['schoolId', 'escalatedAt', 'id'], { where: `escalated_at IS NOT NULL` })
@Check('reminders_status_check', `status IN ('open', 'acknowledged', 'snoozed', 'done')`)
@Check('reminders_subject_type_check', `subject_type IN ('class', 'student', 'case', 'school')`)
@Check('reminders_window_check', `window_kind IN ('pre_holiday', 'holiday', 'pre_return', 'post_return')`)
@Check('reminders_snooze_check', `(status = 'snoozed') = (snoozed_until IS NOT NULL)`)
@Check('reminders_done_check', `(status = 'done') = (completed_at IS NOT NULL)`)
@Check('reminders_period_check', 'period_no >= 0 AND period_from < due_at AND window_from < window_to')
export class Reminder {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'reminders_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  ruleId: string;

  @ManyToOne('ReminderRule', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rule_id', foreignKeyConstraintName: 'reminders_rule_fk' })
  rule?: unknown;

  @Column({ type: 'uuid' })
  holidayId: string;

  @ManyToOne('SchoolHoliday', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'holiday_id', foreignKeyConstraintName: 'reminders_holiday_fk' })
  holiday?: unknown;

  @Column({ type: 'text' })
  windowKind: KeyWindowKind;

  /** 0 for a once-per-window rule; the n-th period for a repeating one. */
  @Column({ type: 'smallint' })
  periodNo: number;

  @TimestampColumn()
  windowFrom: Date;

  @TimestampColumn()
  windowTo: Date;

  /** Where the period starts: what the condition counts from (a contact logged since then). */
  @TimestampColumn()
  periodFrom: Date;

  @TimestampColumn()
  dueAt: Date;

  /** When it goes to the superior if still not done. */
  @TimestampColumn()
  escalateAt: Date;

  @Column({ type: 'text' })
  subjectType: ReminderSubjectType;

  /** The class, student, case or school the reminder is about. */
  @Column({ type: 'uuid' })
  subjectId: string;

  /** The student concerned, for student and case subjects (what scope and the audit trail key on). */
  @Column({ type: 'uuid', nullable: true })
  studentId: string | null;

  @Column({ type: 'uuid' })
  recipientId: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recipient_id', foreignKeyConstraintName: 'reminders_recipient_fk' })
  recipient?: unknown;

  @Column({ type: 'text', default: 'open' })
  status: ReminderStatus;

  @TimestampColumn({ nullable: true })
  acknowledgedAt: Date | null;

  @TimestampColumn({ nullable: true })
  snoozedUntil: Date | null;

  @TimestampColumn({ nullable: true })
  completedAt: Date | null;

  /** Who completed it by hand; null when it closed itself because its condition was met. */
  @Column({ type: 'uuid', nullable: true })
  completedBy: string | null;

  /** Encrypted: what the recipient wrote when completing it by hand. */
  @Column({ type: 'text', nullable: true })
  completionNote: string | null;

  @TimestampColumn({ nullable: true })
  escalatedAt: Date | null;

  @Column({ type: 'uuid', array: true, default: () => `'{}'` })
  escalatedTo: string[];

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}
