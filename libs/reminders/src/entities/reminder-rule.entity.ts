import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn, VersionNumberColumn } from '#core';
import type { KeyWindowKind } from '#holidays';
import type { DoneCondition, ReminderRecipient, ReminderSubject } from '../rules/rule-catalogue.js';

export const REMINDER_RULE_CODE_UNIQUE = 'reminder_rules_school_code_key';

/**
 * One reminder rule of a school, as data: its window, its subjects (one reminder per class,
 * student, case or for the school), who receives it, what done means and when it is due.
 * Every school gets the defaults (rule-catalogue.ts); administrators change or switch them off.
 */
@Entity('reminder_rules')
@Unique(REMINDER_RULE_CODE_UNIQUE, ['schoolId', 'code'])
@Check('reminder_rules_code_check', `code ~ '^[a-z][a-z0-9_]{1,59}$'`)
@Check('reminder_rules_window_check', `window_kind IN ('pre_holiday', 'holiday', 'pre_return', 'post_return')`)
@Check('reminder_rules_subjects_check', `subjects IN ('class', 'high_risk_student', 'open_case', 'flagged_student', 'school')`)
@Check('reminder_rules_recipients_check', `recipients IN ('class_teachers', 'case_owner', 'administrators', 'counselors')`)
@Check(
  'reminder_rules_done_when_check',
  `done_when IN ('education_topics_confirmed', 'holiday_safety_plan_recorded', 'roster_covers_holiday', 'holiday_categories_registered', 'contact_logged', 'return_assessment_planned', 'screening_campaign_opened', 'observation_logged')`,
)
@Check('reminder_rules_due_check', 'due_after_days IS NULL OR due_after_days BETWEEN 0 AND 120')
@Check('reminder_rules_repeat_check', 'repeat_every_days IS NULL OR repeat_every_days BETWEEN 1 AND 60')
@Check('reminder_rules_escalate_check', 'escalate_after_hours BETWEEN 0 AND 720')
export class ReminderRule {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'reminder_rules_school_fk' })
  school?: unknown;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  windowKind: KeyWindowKind;

  @Column({ type: 'text' })
  subjects: ReminderSubject;

  @Column({ type: 'text' })
  recipients: ReminderRecipient;

  @Column({ type: 'text' })
  doneWhen: DoneCondition;

  /** Days after the window opens; null: due when the window closes. */
  @Column({ type: 'smallint', nullable: true })
  dueAfterDays: number | null;

  /** A new reminder every N days of the window (check-ins); null: once per window. */
  @Column({ type: 'smallint', nullable: true })
  repeatEveryDays: number | null;

  /** How long past due before it goes to the recipient's superior. */
  @Column({ type: 'int', default: 24 })
  escalateAfterHours: number;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ type: 'text' })
  titleZh: string;

  @Column({ type: 'text' })
  titleEn: string;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}
