import { ensureDefaultRules } from '#reminders';
import type { TestApp } from '../support/test-app.js';
import { bearer } from '../support/factories.js';

/**
 * Reminders inserted directly, as the sweep would create them: the inbox, reports and delivery
 * tests do not depend on the sweep's arithmetic.
 */

const DAY_MS = 24 * 3600 * 1000;
let nextPeriod = 0;

export async function createHoliday(t: TestApp, admin: { id: string }, startsOn = '2027-01-25', endsOn = '2027-02-20'): Promise<string> {
  const res = await t.http.post('/api/v1/calendar/holidays').set({ authorization: await bearer(t, admin) }).send({ kind: 'winter', name: '寒假', startsOn, endsOn });
  if (res.status !== 201) throw new Error(`holiday not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** The id of a default rule of the school (the defaults inserted first, idempotently). */
export async function defaultRuleId(t: TestApp, schoolId: string, code: string): Promise<string> {
  await ensureDefaultRules(t.dataSource.manager, schoolId);
  const [row] = await t.dataSource.query<{ id: string }[]>('SELECT id FROM reminder_rules WHERE school_id = $1 AND code = $2', [schoolId, code]);
  return row.id;
}

export interface ReminderFixture {
  schoolId: string;
  ruleId: string;
  holidayId: string;
  recipientId: string;
  subjectType: 'class' | 'student' | 'case' | 'school';
  subjectId: string;
  studentId?: string | null;
  windowKind?: string;
  dueAt: Date | string;
  status?: 'open' | 'acknowledged' | 'snoozed' | 'done';
  escalatedTo?: string[];
  escalatedAt?: Date | string | null;
  completedBy?: string | null;
}

export async function insertReminder(t: TestApp, r: ReminderFixture): Promise<string> {
  const dueAt = new Date(r.dueAt);
  const windowFrom = new Date(dueAt.getTime() - 14 * DAY_MS);
  const status = r.status ?? 'open';
  const [row] = await t.dataSource.query<{ id: string }[]>(
    `INSERT INTO reminders (school_id, rule_id, holiday_id, window_kind, period_no, window_from, window_to, period_from, due_at, escalate_at,
       subject_type, subject_id, student_id, recipient_id, status, snoozed_until, completed_at, completed_by, escalated_at, escalated_to)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $6, $7, $8, $9, $10, $11, $12, $13,
       CASE WHEN $13 = 'snoozed' THEN $7::timestamptz END, CASE WHEN $13 = 'done' THEN $7::timestamptz END, $14, $15, $16)
     RETURNING id`,
    [
      r.schoolId, r.ruleId, r.holidayId, r.windowKind ?? 'pre_holiday', (nextPeriod += 1), windowFrom, dueAt, new Date(dueAt.getTime() + DAY_MS),
      r.subjectType, r.subjectId, r.studentId ?? null, r.recipientId, status, r.completedBy ?? null,
      r.escalatedAt ? new Date(r.escalatedAt) : null, r.escalatedTo ?? [],
    ],
  );
  return row.id;
}

/** An outbox row for the reminder, due at `nextAttemptAt`. */
export async function insertDelivery(t: TestApp, d: { schoolId: string; reminderId: string; recipientId: string; nextAttemptAt: Date; event?: 'created' | 'escalated' }): Promise<string> {
  const [row] = await t.dataSource.query<{ id: string }[]>(
    `INSERT INTO reminder_deliveries (school_id, reminder_id, recipient_id, event, next_attempt_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [d.schoolId, d.reminderId, d.recipientId, d.event ?? 'created', d.nextAttemptAt],
  );
  return row.id;
}
