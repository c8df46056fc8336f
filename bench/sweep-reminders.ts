/**
 * The reminder-sweep job, run by the benchmark as a child process: `node dist/bench/sweep-reminders.js`
 * with DATABASE_URL. Every school gets a holiday that ended two days ago, so its post-return window
 * is open, and one rule on: a contact within 7 days for every open case (the per-student rule the
 * seed has the most subjects for: a fifth of the students). It times the application's sweep
 * (ReminderSweepService.run, what the job runs every five minutes, every step included), then,
 * on the same data, one hand-written INSERT ... SELECT that produces the same reminders and outbox
 * rows, and checks both produced the same rows. Each runs three times, alternating, on an emptied
 * and re-analysed table; the best time of each counts (the first run of either pays for cold caches).
 * Prints one JSON line.
 */
// First: it loads reflect-metadata before any decorated class.
import { runChildJob } from './child-job.js';
import type { DataSource } from 'typeorm';
import { auditServiceFromEnvironment } from '#audit';
import { SystemClock } from '#core';
import { ensureDefaultRules, ReminderSweepRepository, ReminderSweepService } from '#reminders';

export interface SweepReport {
  ok: boolean;
  created: number;
  /** Best of the runs. */
  seconds: number;
  baselineSeconds: number;
  baselineCreated: number;
  runs: { seconds: number[]; baselineSeconds: number[] };
}

const ROUNDS = 3;

const RULE = 'post_return_case_contact';

/** The same rows as the sweep, for every school at once, written by hand. */
const HAND_WRITTEN_SWEEP = `
  WITH created AS (
    INSERT INTO reminders (school_id, rule_id, holiday_id, window_kind, period_no, window_from, window_to, period_from,
                           due_at, escalate_at, subject_type, subject_id, student_id, recipient_id, created_at, updated_at)
    SELECT k.school_id, rr.id, h.id, 'post_return', 0, w.from_at, w.to_at, w.from_at,
           w.from_at + interval '7 days', w.from_at + interval '7 days' + rr.escalate_after_hours * interval '1 hour',
           'case', k.id, k.student_id, k.owner_id, $1, $1
      FROM cases k
      JOIN students st ON st.id = k.student_id AND st.status = 'enrolled'
      JOIN users o ON o.id = k.owner_id AND o.active
      JOIN reminder_rules rr ON rr.school_id = k.school_id AND rr.code = '${RULE}' AND rr.enabled
      JOIN school_holidays h ON h.school_id = k.school_id AND h.name = 'bench'
      JOIN schools s ON s.id = k.school_id
      CROSS JOIN LATERAL (SELECT ((h.ends_on + 1)::timestamp AT TIME ZONE s.timezone) AS from_at,
                                 ((h.ends_on + 29)::timestamp AT TIME ZONE s.timezone) AS to_at) w
     WHERE k.state <> 'closed'
       AND NOT EXISTS (SELECT 1 FROM case_contacts cc JOIN cases kk ON kk.id = cc.case_id
                        WHERE kk.student_id = k.student_id AND cc.outcome = 'reached' AND cc.contacted_at >= w.from_at)
    ON CONFLICT ON CONSTRAINT reminders_occurrence_key DO NOTHING
    RETURNING id, school_id, recipient_id
  ), queued AS (
    INSERT INTO reminder_deliveries (school_id, reminder_id, recipient_id, event, next_attempt_at, created_at)
    SELECT school_id, id, recipient_id, 'created', $1, $1 FROM created
  )
  SELECT count(*)::int AS created FROM created`;

/** What both runs must agree on: every reminder's subject, recipient and times. */
const FINGERPRINT = `
  SELECT count(*)::int AS n, md5(COALESCE(string_agg(subject_id::text || recipient_id::text || due_at::text || window_from::text, ',' ORDER BY subject_id, recipient_id), '')) AS digest
    FROM reminders`;

async function seconds<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = process.hrtime.bigint();
  const result = await work();
  return [result, Number(process.hrtime.bigint() - started) / 1e9];
}

async function sweepBothWays(dataSource: DataSource): Promise<SweepReport> {
  await dataSource.query(`
    INSERT INTO school_holidays (school_id, kind, name, starts_on, ends_on)
    SELECT s.id, 'winter', 'bench', (now() AT TIME ZONE s.timezone)::date - 32, (now() AT TIME ZONE s.timezone)::date - 2 FROM schools s
     WHERE NOT EXISTS (SELECT 1 FROM school_holidays h WHERE h.school_id = s.id)`);
  await dataSource.transaction((manager) => ensureDefaultRules(manager));
  await dataSource.query(`UPDATE reminder_rules SET enabled = (code = $1)`, [RULE]);

  const clock = new SystemClock();
  const sweep = new ReminderSweepService(dataSource, new ReminderSweepRepository(), auditServiceFromEnvironment(dataSource, clock), clock);
  const emptied = async () => {
    await dataSource.query('DELETE FROM reminders');
    await dataSource.query('VACUUM ANALYZE reminders, reminder_deliveries');
  };
  const runs: SweepReport['runs'] = { seconds: [], baselineSeconds: [] };
  let ok = true;
  let created = 0;
  let baselineCreated = 0;
  for (let round = 0; round < ROUNDS; round++) {
    await emptied();
    const [result, appSeconds] = await seconds(() => sweep.run());
    const [app] = await dataSource.query<{ n: number; digest: string }[]>(FINGERPRINT);
    await emptied();
    const [[hand], baselineSeconds] = await seconds(() => dataSource.query<{ created: number }[]>(HAND_WRITTEN_SWEEP, [clock.now()]));
    const [baseline] = await dataSource.query<{ n: number; digest: string }[]>(FINGERPRINT);
    ok &&= result.created > 0 && app.n === result.created && app.n === baseline.n && app.digest === baseline.digest;
    [created, baselineCreated] = [result.created, hand.created];
    runs.seconds.push(appSeconds);
    runs.baselineSeconds.push(baselineSeconds);
  }
  return {
    ok,
    created,
    seconds: Math.min(...runs.seconds),
    baselineSeconds: Math.min(...runs.baselineSeconds),
    baselineCreated,
    runs,
  };
}

runChildJob('sweep', 2, sweepBothWays);
