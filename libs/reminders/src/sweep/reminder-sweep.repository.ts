import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DEFAULT_WINDOW_LENGTHS, type HolidayDates, type KeyWindowKind, type WindowLengths } from '#holidays';
import type { DoneCondition } from '../rules/rule-catalogue.js';
import type { ReminderRuleView } from '../rules/reminder-rules.dtos.js';
import { DONE_WHEN_SQL } from './done-conditions.sql.js';
import { reminderTargetsSql } from './reminder-targets.sql.js';
import type { Occurrence } from './window-occurrences.js';

/** A window can reach this many days from its holiday (the longest setting is 90 days). */
const WINDOW_REACH_DAYS = 91;

export interface SchoolCalendar {
  schoolId: string;
  timezone: string;
  lengths: WindowLengths;
  holidays: HolidayDates[];
}

/** What the sweep reads of a rule. */
export type SweptRule = Pick<
  ReminderRuleView,
  'id' | 'code' | 'windowKind' | 'subjects' | 'recipients' | 'doneWhen' | 'dueAfterDays' | 'repeatEveryDays' | 'escalateAfterHours'
>;

export interface RuleCount {
  schoolId: string;
  ruleId: string;
  count: number;
}

export interface EscalatedReminder {
  reminderId: string;
  schoolId: string;
  studentId: string | null;
  notified: number;
}

/** The sweep's statements: each works on a whole school, or on every school at once. */
@Injectable()
export class ReminderSweepRepository {
  /** Every school with a holiday whose windows can be open at `now`, with its zone and window lengths. */
  async calendarsNear(manager: EntityManager, now: Date): Promise<SchoolCalendar[]> {
    const rows = await manager.query<(HolidayDates & { schoolId: string; timezone: string; pre: number | null; preReturn: number | null; post: number | null })[]>(
      `SELECT s.id AS "schoolId", s.timezone, w.pre_holiday_days AS pre, w.pre_return_days AS "preReturn", w.post_return_days AS post,
              h.id, h.starts_on::text AS "startsOn", h.ends_on::text AS "endsOn"
         FROM school_holidays h
         JOIN schools s ON s.id = h.school_id
         LEFT JOIN school_window_settings w ON w.school_id = s.id
        WHERE h.ends_on >= ($1::timestamptz AT TIME ZONE s.timezone)::date - $2::int
          AND h.starts_on <= ($1::timestamptz AT TIME ZONE s.timezone)::date + $2::int
        ORDER BY s.id, h.starts_on, h.id`,
      [now, WINDOW_REACH_DAYS],
    );
    const bySchool = new Map<string, SchoolCalendar>();
    for (const row of rows) {
      const calendar = bySchool.get(row.schoolId) ?? {
        schoolId: row.schoolId,
        timezone: row.timezone,
        lengths: {
          preHolidayDays: row.pre ?? DEFAULT_WINDOW_LENGTHS.preHolidayDays,
          preReturnDays: row.preReturn ?? DEFAULT_WINDOW_LENGTHS.preReturnDays,
          postReturnDays: row.post ?? DEFAULT_WINDOW_LENGTHS.postReturnDays,
        },
        holidays: [],
      };
      calendar.holidays.push({ id: row.id, startsOn: row.startsOn, endsOn: row.endsOn });
      bySchool.set(row.schoolId, calendar);
    }
    return [...bySchool.values()];
  }

  async enabledRules(manager: EntityManager, schoolId: string, windowKinds: KeyWindowKind[]): Promise<SweptRule[]> {
    return manager.query<SweptRule[]>(
      `SELECT id, code, window_kind AS "windowKind", subjects, recipients, done_when AS "doneWhen",
              due_after_days AS "dueAfterDays", repeat_every_days AS "repeatEveryDays", escalate_after_hours AS "escalateAfterHours"
         FROM reminder_rules WHERE school_id = $1 AND enabled AND window_kind = ANY($2::text[])
        ORDER BY code`,
      [schoolId, windowKinds],
    );
  }

  /**
   * Creates the occurrence's reminders that are not done already, with their outbox rows, in one
   * statement. The unique occurrence key makes a repeated or concurrent sweep a no-op; rows in a
   * fixed order keep concurrent sweeps from locking each other's rows crosswise. A reminder that
   * exists, is still open and not yet escalated follows its window when the holiday was moved
   * (new due and escalation times); it is not announced again.
   */
  async createReminders(manager: EntityManager, schoolId: string, holidayStart: Date, rule: SweptRule, o: Occurrence, now: Date): Promise<{ created: number; moved: number }> {
    const [counts] = await manager.query<{ created: number; moved: number }[]>(
      `WITH candidates AS (
         SELECT $1::uuid AS school_id, $3::uuid AS holiday_id, t.subject_type, t.subject_id, t.student_id, t.recipient_id,
                $6::timestamptz AS window_from, $7::timestamptz AS window_to, $8::timestamptz AS period_from,
                $2::timestamptz AS holiday_from
           FROM (${reminderTargetsSql(rule.subjects, rule.recipients)}) AS t
       ), created AS (
         INSERT INTO reminders (school_id, rule_id, holiday_id, window_kind, period_no, window_from, window_to, period_from,
                                due_at, escalate_at, subject_type, subject_id, student_id, recipient_id, created_at, updated_at)
         SELECT r.school_id, $4, r.holiday_id, $5, $9, r.window_from, r.window_to, r.period_from, $10, $11,
                r.subject_type, r.subject_id, r.student_id, r.recipient_id, $12, $12
           FROM candidates r
          WHERE NOT (${DONE_WHEN_SQL[rule.doneWhen]})
          ORDER BY r.subject_id, r.recipient_id
         ON CONFLICT ON CONSTRAINT reminders_occurrence_key DO UPDATE
            SET ${followWindowSql('reminders', 'EXCLUDED')}, updated_at = EXCLUDED.updated_at
          WHERE ${windowMovedSql('reminders', 'EXCLUDED')}
         -- xmax is 0 only on a row this statement inserted (not one it updated).
         RETURNING id, school_id, recipient_id, (xmax = 0) AS inserted
       ), queued AS (
         INSERT INTO reminder_deliveries (school_id, reminder_id, recipient_id, event, next_attempt_at, created_at)
         SELECT school_id, id, recipient_id, 'created', $12, $12 FROM created WHERE inserted
       )
       SELECT count(*) FILTER (WHERE inserted)::int AS created, count(*) FILTER (WHERE NOT inserted)::int AS moved FROM created`,
      [schoolId, holidayStart, o.holidayId, rule.id, o.windowKind, o.windowFrom, o.windowTo, o.periodFrom, o.periodNo, o.dueAt, o.escalateAt, now],
    );
    return counts;
  }

  /**
   * The open, not yet escalated reminders of windows that are not active now (over, or not begun)
   * follow them when the holiday was moved: createReminders only visits the active windows, and a
   * reminder of a window the move put in the past must become overdue (and escalate) like any other.
   * One statement per school; counts per rule of the reminders it moved.
   */
  async followMovedWindows(manager: EntityManager, schoolId: string, moves: { ruleId: string; occurrence: Occurrence }[], now: Date): Promise<RuleCount[]> {
    if (moves.length === 0) return [];
    const column = <T>(of: (m: { ruleId: string; occurrence: Occurrence }) => T) => moves.map(of);
    return manager.query<RuleCount[]>(
      `WITH moved AS (
         UPDATE reminders r
            SET ${followWindowSql('r', 'o')}, updated_at = $1
           FROM unnest($3::uuid[], $4::uuid[], $5::int[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::timestamptz[])
                  AS o(rule_id, holiday_id, period_no, window_from, window_to, period_from, due_at, escalate_at)
          WHERE r.school_id = $2 AND r.rule_id = o.rule_id AND r.holiday_id = o.holiday_id AND r.period_no = o.period_no
            AND ${windowMovedSql('r', 'o')}
         RETURNING r.rule_id)
       SELECT $2::uuid AS "schoolId", rule_id AS "ruleId", count(*)::int AS count FROM moved GROUP BY rule_id ORDER BY rule_id`,
      [
        now, schoolId, column((m) => m.ruleId), column((m) => m.occurrence.holidayId), column((m) => m.occurrence.periodNo),
        column((m) => m.occurrence.windowFrom), column((m) => m.occurrence.windowTo), column((m) => m.occurrence.periodFrom),
        column((m) => m.occurrence.dueAt), column((m) => m.occurrence.escalateAt),
      ],
    );
  }

  /** Closes, in every school, the open reminders whose rule's condition is now met. */
  async completeMet(manager: EntityManager, condition: DoneCondition, now: Date): Promise<RuleCount[]> {
    return manager.query<RuleCount[]>(
      `WITH done AS (
         UPDATE reminders r
            SET status = 'done', completed_at = $2, snoozed_until = NULL, updated_at = $2, version = r.version + 1
           FROM reminder_rules rr
          WHERE rr.id = r.rule_id AND rr.done_when = $1 AND r.status <> 'done' AND (${DONE_WHEN_SQL[condition]})
         RETURNING r.school_id, r.rule_id)
       SELECT school_id AS "schoolId", rule_id AS "ruleId", count(*)::int AS count FROM done GROUP BY school_id, rule_id ORDER BY 1, 2`,
      [condition, now],
    );
  }

  /** Snoozed reminders whose time has come are back where they were (open or acknowledged). */
  async wakeSnoozed(manager: EntityManager, now: Date): Promise<number> {
    const [{ woken }] = await manager.query<{ woken: number }[]>(
      `WITH woken AS (
         UPDATE reminders
            SET status = CASE WHEN acknowledged_at IS NULL THEN 'open' ELSE 'acknowledged' END,
                snoozed_until = NULL, updated_at = $1, version = version + 1
          WHERE status = 'snoozed' AND snoozed_until <= $1
         RETURNING 1)
       SELECT count(*)::int AS woken FROM woken`,
      [now],
    );
    return woken;
  }

  /**
   * Sends up to `limit` reminders past their escalation time to the recipient's superior: a class
   * teacher's or counselor's to the head of counseling (the administrators where there is none),
   * anyone else's to the other administrators. Marked once (escalated_at), with a notification
   * and an outbox row per superior; SKIP LOCKED lets several instances share the work.
   */
  async escalateDue(manager: EntityManager, now: Date, limit: number): Promise<EscalatedReminder[]> {
    return manager.query<EscalatedReminder[]>(
      `WITH due AS (
         SELECT r.id FROM reminders r
          WHERE r.status <> 'done' AND r.escalated_at IS NULL AND r.escalate_at <= $1
          ORDER BY r.escalate_at, r.id
          LIMIT $2
          FOR UPDATE SKIP LOCKED
       ), superiors AS (
         SELECT r.id, COALESCE(array_agg(u.id ORDER BY u.id) FILTER (WHERE u.id IS NOT NULL), '{}') AS ids
           FROM due JOIN reminders r ON r.id = due.id JOIN users me ON me.id = r.recipient_id
           LEFT JOIN users u ON u.school_id = r.school_id AND u.active AND u.id <> r.recipient_id AND u.role = CASE
             WHEN me.role IN ('class_teacher', 'counselor', 'duty_officer')
                  AND EXISTS (SELECT 1 FROM users l WHERE l.school_id = r.school_id AND l.active AND l.role = 'counseling_lead')
               THEN 'counseling_lead'
             ELSE 'admin' END
          GROUP BY r.id
       ), escalated AS (
         UPDATE reminders r SET escalated_at = $1, escalated_to = s.ids, updated_at = $1, version = r.version + 1
           FROM superiors s WHERE r.id = s.id
         RETURNING r.id, r.school_id, r.student_id, r.escalated_to
       ), queued AS (
         INSERT INTO reminder_deliveries (school_id, reminder_id, recipient_id, event, next_attempt_at, created_at)
         SELECT e.school_id, e.id, superior, 'escalated', $1, $1 FROM escalated e CROSS JOIN LATERAL unnest(e.escalated_to) AS superior
       ), notified AS (
         INSERT INTO notifications (school_id, recipient_id, kind, title, entity_type, entity_id, created_at)
         SELECT e.school_id, superior, 'reminder.escalated', 'A reminder was not done in time and is now yours to follow up', 'reminder', e.id, $1
           FROM escalated e CROSS JOIN LATERAL unnest(e.escalated_to) AS superior
       )
       SELECT id AS "reminderId", school_id AS "schoolId", student_id AS "studentId", cardinality(escalated_to) AS notified
         FROM escalated ORDER BY id`,
      [now, limit],
    );
  }
}

/** A reminder following its occurrence's (moved) window: the SET list, without updated_at. */
const followWindowSql = (target: string, source: string) =>
  `window_from = ${source}.window_from, window_to = ${source}.window_to, period_from = ${source}.period_from,
   due_at = ${source}.due_at, escalate_at = ${source}.escalate_at, version = ${target}.version + 1`;

/** Only open, not yet escalated reminders follow, and only when a time differs. */
const windowMovedSql = (target: string, source: string) =>
  `${target}.status <> 'done' AND ${target}.escalated_at IS NULL
   AND (${target}.due_at, ${target}.escalate_at, ${target}.window_from, ${target}.window_to, ${target}.period_from)
       IS DISTINCT FROM (${source}.due_at, ${source}.escalate_at, ${source}.window_from, ${source}.window_to, ${source}.period_from)`;
