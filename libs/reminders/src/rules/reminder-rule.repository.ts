import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictProblem, isUniqueViolation, updateAtVersion } from '#core';
import { REMINDER_RULE_CODE_UNIQUE } from '../entities/reminder-rule.entity.js';
import type { ReminderRuleChanges, ReminderRuleView } from './reminder-rules.dtos.js';

const RULE_COLUMNS = `id, code, window_kind AS "windowKind", subjects, recipients, done_when AS "doneWhen", due_after_days AS "dueAfterDays",
  repeat_every_days AS "repeatEveryDays", escalate_after_hours AS "escalateAfterHours", enabled, title_zh AS "titleZh", title_en AS "titleEn",
  created_at AS "createdAt", updated_at AS "updatedAt", version`;

const CHANGE_COLUMNS: Record<keyof ReminderRuleChanges, string> = {
  enabled: 'enabled',
  windowKind: 'window_kind',
  subjects: 'subjects',
  recipients: 'recipients',
  doneWhen: 'done_when',
  dueAfterDays: 'due_after_days',
  repeatEveryDays: 'repeat_every_days',
  escalateAfterHours: 'escalate_after_hours',
  titleZh: 'title_zh',
  titleEn: 'title_en',
};

/** The windows in the order a holiday goes through them, not alphabetical. */
export const WINDOW_ORDER_SQL = (column: string) => `array_position(ARRAY['pre_holiday', 'holiday', 'pre_return', 'post_return'], ${column})`;

const codeTaken = () => new ConflictProblem('reminder_rule.code_taken', 'The school already has a reminder rule with this code');

export type NewReminderRule = Required<Omit<ReminderRuleView, 'createdAt' | 'updatedAt' | 'version'>>;

/** A school's reminder rules; every query is scoped to the school. */
@Injectable()
export class ReminderRuleRepository {
  async listOfSchool(manager: EntityManager, schoolId: string): Promise<ReminderRuleView[]> {
    return manager.query<ReminderRuleView[]>(
      `SELECT ${RULE_COLUMNS} FROM reminder_rules WHERE school_id = $1 ORDER BY ${WINDOW_ORDER_SQL('window_kind')}, code`,
      [schoolId],
    );
  }

  async findInSchool(manager: EntityManager, schoolId: string, ruleId: string): Promise<ReminderRuleView | null> {
    const rows = await manager.query<ReminderRuleView[]>(`SELECT ${RULE_COLUMNS} FROM reminder_rules WHERE id = $1 AND school_id = $2`, [ruleId, schoolId]);
    return rows[0] ?? null;
  }

  /** Inserts the rule; a code the school already uses answers 409 (the unique key decides, not a prior read). */
  async insert(manager: EntityManager, schoolId: string, rule: NewReminderRule, at: Date): Promise<void> {
    try {
      await manager.query(
        `INSERT INTO reminder_rules (id, school_id, code, window_kind, subjects, recipients, done_when, due_after_days, repeat_every_days,
           escalate_after_hours, enabled, title_zh, title_en, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)`,
        [
          rule.id, schoolId, rule.code, rule.windowKind, rule.subjects, rule.recipients, rule.doneWhen, rule.dueAfterDays,
          rule.repeatEveryDays, rule.escalateAfterHours, rule.enabled, rule.titleZh, rule.titleEn, at,
        ],
      );
    } catch (error) {
      if (isUniqueViolation(error, REMINDER_RULE_CODE_UNIQUE)) throw codeTaken();
      throw error;
    }
  }

  /** Applies the changes only if the rule is still at `version`; false when someone changed it first. */
  async updateAtVersion(manager: EntityManager, schoolId: string, ruleId: string, version: number, changes: ReminderRuleChanges, at: Date): Promise<boolean> {
    return updateAtVersion(manager, { table: 'reminder_rules', id: ruleId, scope: { column: 'school_id', value: schoolId }, version }, changes, CHANGE_COLUMNS, at);
  }
}
