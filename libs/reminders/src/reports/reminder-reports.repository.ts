import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { decodeCursorAs, type PageQuery } from '#core';
import type { Caller, Role } from '#access';
import type { KeyWindowKind } from '#holidays';
import { SqlParameters } from '#org';
import type { ReminderStatus } from '../entities/reminder.entity.js';
import type { ReminderRow } from '../inbox/reminder-row.js';
import { REMINDER_JOINS, reminderColumns, studentNameVisibleCondition } from '../inbox/reminder-subject.sql.js';
import { WINDOW_ORDER_SQL } from '../rules/reminder-rule.repository.js';

export interface CountsGroup {
  windowKind: KeyWindowKind;
  ruleId: string;
  code: string;
  titleZh: string;
  titleEn: string;
  status: ReminderStatus;
  count: number;
  overdue: number;
}

export type OverdueRow = ReminderRow & { recipientName: string; recipientRole: Role };

/** The school's reminders in aggregate, and its overdue ones; every query is scoped to the school. */
@Injectable()
export class ReminderReportsRepository {
  /** One GROUP BY over the school's reminders (reminders_school_status_due_idx). */
  async counts(manager: EntityManager, schoolId: string, holidayId: string | undefined, now: Date): Promise<CountsGroup[]> {
    return manager.query<CountsGroup[]>(
      `SELECT r.window_kind AS "windowKind", rr.id AS "ruleId", rr.code, rr.title_zh AS "titleZh", rr.title_en AS "titleEn", r.status,
              count(*)::int AS count, (count(*) FILTER (WHERE r.status <> 'done' AND r.due_at < $3))::int AS overdue
         FROM reminders r JOIN reminder_rules rr ON rr.id = r.rule_id
        WHERE r.school_id = $1 AND ($2::uuid IS NULL OR r.holiday_id = $2::uuid)
        GROUP BY r.window_kind, rr.id, rr.code, rr.title_zh, rr.title_en, r.status
        ORDER BY ${WINDOW_ORDER_SQL('r.window_kind')}, rr.code, r.status`,
      [schoolId, holidayId ?? null, now],
    );
  }

  /** Not done and past due, oldest due first, by (due_at, id). */
  async overdue(manager: EntityManager, caller: Caller, filter: { windows?: readonly KeyWindowKind[]; ruleId?: string }, now: Date, page: PageQuery): Promise<OverdueRow[]> {
    const params = new SqlParameters();
    const where = [`r.school_id = ${params.bind(caller.schoolId)}`, `r.status IN ('open', 'acknowledged', 'snoozed')`, `r.due_at < ${params.bind(now)}`];
    if (filter.windows?.length) where.push(`r.window_kind = ANY(${params.bind(filter.windows)}::text[])`);
    if (filter.ruleId) where.push(`r.rule_id = ${params.bind(filter.ruleId)}`);
    if (page.cursor) {
      const [dueAt, id] = decodeCursorAs(page.cursor, ['timestamptz', 'uuid']);
      where.push(`(r.due_at, r.id) > (${params.bind(dueAt)}::timestamptz, ${params.bind(id)}::uuid)`);
    }
    const visible = studentNameVisibleCondition(caller, params.bind);
    return manager.query<OverdueRow[]>(
      `SELECT ${reminderColumns(visible)}, u.display_name AS "recipientName", u.role AS "recipientRole"
         FROM reminders r ${REMINDER_JOINS} JOIN users u ON u.id = r.recipient_id
        WHERE ${where.join(' AND ')}
        ORDER BY r.due_at, r.id
        LIMIT ${params.bind(page.limit + 1)}`,
      params.values,
    );
  }
}
