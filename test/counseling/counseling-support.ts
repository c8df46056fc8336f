import { createSchoolWorld } from '../support/factories.js';
import type { TestApp } from '../support/test-app.js';

/** Monday 9 March 2026 in Shanghai (UTC+8): the week every counseling test books into. */
export const MONDAY = '2026-03-09';
export const TUESDAY = '2026-03-10';
/** Sunday evening before it, in Shanghai: "now" for the tests, unless they move the clock. */
export const SUNDAY_EVENING = '2026-03-08T12:00:00.000Z';

/** An instant given as Shanghai wall time, in UTC ISO form as the API answers. */
export const shanghai = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`).toISOString();

export const ROOM = '心理咨询室 201';

/**
 * Weekday availability (Monday to Friday, 09:00-12:00 and 14:00-17:00 in the room), inserted
 * directly: the availability routes have their own tests.
 */
export async function giveWeekdayAvailability(t: TestApp, counselor: { id: string; schoolId: string }): Promise<void> {
  await t.dataSource.query(
    `INSERT INTO counselor_availability_rules (school_id, counselor_id, weekday, start_minute, end_minute, mode, place, created_by)
     SELECT $1, $2, d, m.start_minute, m.end_minute, 'room', $3, $2
       FROM generate_series(1, 5) d CROSS JOIN (VALUES (540, 720), (840, 1020)) AS m(start_minute, end_minute)`,
    [counselor.schoolId, counselor.id, ROOM],
  );
}

/** A school of its own with a counselor free on weekdays: the waitlist is school-wide, so tests that use it must not share one. */
export async function waitlistWorld(t: TestApp) {
  const w = await createSchoolWorld(t);
  await giveWeekdayAvailability(t, w.counselor);
  return w;
}
export type WaitlistWorld = Awaited<ReturnType<typeof waitlistWorld>>;

/** Sets a student's current risk level as the register would hold it. */
export async function setRiskLevel(t: TestApp, student: { id: string }, schoolId: string, level: string): Promise<void> {
  const rank = ['none', 'low', 'moderate', 'high', 'critical'].indexOf(level);
  await t.dataSource.query(
    `INSERT INTO student_risk (student_id, school_id, level, level_rank, derived_level, assessed_level, assessment_expires_at, updated_at)
     VALUES ($1, $2, $3, $4, 'none', $3, now() + interval '30 days', now())
     ON CONFLICT (student_id) DO UPDATE SET level = EXCLUDED.level, level_rank = EXCLUDED.level_rank, assessed_level = EXCLUDED.assessed_level`,
    [student.id, schoolId, level, rank],
  );
}
