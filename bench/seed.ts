import type { Client } from 'pg';
import { seedProgress } from './progress.js';

/** Students per school, per class, and counselors per school of the synthetic province. */
export const STUDENTS_PER_SCHOOL = 10_000;
export const STUDENTS_PER_CLASS = 40;
export const CLASSES_PER_SCHOOL = STUDENTS_PER_SCHOOL / STUDENTS_PER_CLASS;
export const COUNSELORS_PER_SCHOOL = 20;
export const GRADES_PER_SCHOOL = 6;

/**
 * Deterministic ids, so every seed statement joins by arithmetic instead of lookups: the md5 of
 * `kind:n` with the version and variant digits of a v4 uuid (the API validates uuids).
 */
export const idSql = (kind: string, n: string): string =>
  `(SELECT (substr(h, 1, 12) || '4' || substr(h, 14, 3) || '8' || substr(h, 18, 15))::uuid FROM md5('${kind}:' || (${n})::text) h)`;

/** The same ids, computed in Node (md5 of `kind:n` read as a uuid). */
export async function idOf(kind: string, n: number): Promise<string> {
  const { createHash } = await import('node:crypto');
  const hex = createHash('md5').update(`${kind}:${n}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}

export const usernames = {
  admin: (school: number) => `bench-admin-${school}`,
  counselor: (n: number) => `bench-counselor-${n}`,
  teacher: (klass: number) => `bench-teacher-${klass}`,
};

export interface SeedOptions {
  students: number;
  passwordHash: string;
  surveySecret: string;
  /** The HMAC key of the audit chain (derived from the server's AUDIT_ANCHOR_KEY). */
  auditChainKey: Buffer;
}

interface Step {
  name: string;
  /** Expected time per student, relative to inserting the students (measured at 100,000): the step's share of the bar. */
  weight: number;
  sql: string;
  params?: unknown[];
  /** Statements run after `sql`, side by side on connections of their own (rows summed). */
  parallel?: string[];
  /** Run after the step, not counted. */
  after?: string;
}

/**
 * The audit chain of the seeded history, computed once at seed time exactly as
 * libs/audit/src/chain does it: hash = SHA-256(previous hash || canonical entry), the canonical
 * entry being the JSON array `canonicalAuditEntry` writes (every seeded value is plain ASCII, so
 * concatenation gives the same bytes as JSON.stringify). A chain is sequential per school, so one
 * loop per school; `bench_chain_audit(parts, part)` takes the schools with school_no % parts = part,
 * so two connections share the work. The bench checks the result with the application's own verification.
 */
const AUDIT_CHAIN_FUNCTION = `
CREATE UNLOGGED TABLE bench_audit_chained (seq bigint, at timestamptz, school_id uuid, actor_id uuid, student_id uuid, prev_hash bytea, hash bytea);
CREATE FUNCTION bench_chain_audit(parts int, part int, chain_key bytea) RETURNS bigint LANGUAGE plpgsql AS $fn$
DECLARE
  r record;
  prev bytea;
  cur bytea;
  school int := -1;
  n bigint := 0;
BEGIN
  FOR r IN SELECT * FROM bench_audit_stage WHERE school_no % parts = part ORDER BY school_no, seq LOOP
    IF r.school_no <> school THEN
      school := r.school_no;
      prev := NULL;
    END IF;
    cur := hmac(coalesce(prev, ''::bytea) || convert_to(
      '["v1","' || r.seq || '","' || to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '","' || r.school_id
      || '","' || r.actor_id || '","class_teacher","student.read","student","' || r.student_id || '","' || r.student_id
      || '","success","normal",null,null,null,null,null]', 'UTF8'), chain_key, 'sha256');
    INSERT INTO bench_audit_chained VALUES (r.seq, r.at, r.school_id, r.actor_id, r.student_id, prev, cur);
    prev := cur;
    n := n + 1;
  END LOOP;
  RETURN n;
END
$fn$`;

export interface SeedStepTiming {
  name: string;
  rows: number;
  seconds: number;
}

/**
 * Seeds the benchmark data, every statement set-based (generate_series), with a progress bar
 * over the steps (plain lines when the console is not a terminal). `connect` opens the extra
 * connections of the steps that run in parallel.
 */
export async function seed(client: Client, connect: () => Promise<Client>, options: SeedOptions): Promise<SeedStepTiming[]> {
  const n = options.students;
  const schools = Math.ceil(n / STUDENTS_PER_SCHOOL);
  const classes = Math.ceil(n / STUDENTS_PER_CLASS);
  const school = (i: string) => idSql('school', i);
  const steps: Step[] = [
    {
      name: 'schools',
      weight: 0.001,
      sql: `INSERT INTO schools (id, name, code) SELECT ${school('k')}, 'Bench school ' || k, 'bench-' || k FROM generate_series(0, $1 - 1) k`,
      params: [schools],
    },
    {
      name: 'grades',
      weight: 0.001,
      sql: `INSERT INTO grades (id, school_id, name, sort_order)
            SELECT ${idSql('grade', 'k * 10 + g')}, ${school('k')}, 'Grade ' || (7 + g), g
              FROM generate_series(0, $1 - 1) k CROSS JOIN generate_series(0, ${GRADES_PER_SCHOOL - 1}) g`,
      params: [schools],
    },
    {
      name: 'classes',
      weight: 0.03,
      sql: `INSERT INTO classes (id, school_id, grade_id, name)
            SELECT ${idSql('class', 'c')}, ${school(`c / ${CLASSES_PER_SCHOOL}`)},
                   ${idSql('grade', `(c / ${CLASSES_PER_SCHOOL}) * 10 + c % ${GRADES_PER_SCHOOL}`)}, 'Class ' || c
              FROM generate_series(0, $1 - 1) c`,
      params: [classes],
    },
    {
      name: 'users (admins, counselors, class teachers)',
      weight: 0.05,
      sql: `INSERT INTO users (id, school_id, username, display_name, role, password_hash)
            SELECT ${idSql('admin', 'k')}, ${school('k')}, 'bench-admin-' || k, 'Admin ' || k, 'admin', $3 FROM generate_series(0, $1 - 1) k
            UNION ALL
            SELECT ${idSql('counselor', 'j')}, ${school(`j / ${COUNSELORS_PER_SCHOOL}`)}, 'bench-counselor-' || j, 'Counselor ' || j, 'counselor', $3
              FROM generate_series(0, $1 * ${COUNSELORS_PER_SCHOOL} - 1) j
            UNION ALL
            SELECT ${idSql('teacher', 'c')}, ${school(`c / ${CLASSES_PER_SCHOOL}`)}, 'bench-teacher-' || c, 'Teacher ' || c, 'class_teacher', $3
              FROM generate_series(0, $2 - 1) c`,
      params: [schools, classes, options.passwordHash],
    },
    {
      name: 'class-teacher assignments',
      weight: 0.03,
      sql: `INSERT INTO class_teacher_assignments (school_id, class_id, user_id, started_at)
            SELECT ${school(`c / ${CLASSES_PER_SCHOOL}`)}, ${idSql('class', 'c')}, ${idSql('teacher', 'c')}, now() - interval '200 days'
              FROM generate_series(0, $1 - 1) c`,
      params: [classes],
    },
    {
      name: 'students',
      weight: 1,
      sql: `INSERT INTO students (id, school_id, class_id, student_number, name, gender, date_of_birth)
            SELECT ${idSql('student', 'i')}, ${school(`i / ${STUDENTS_PER_SCHOOL}`)}, ${idSql('class', `i / ${STUDENTS_PER_CLASS}`)},
                   'S' || lpad(i::text, 8, '0'), 'Student ' || i,
                   CASE WHEN i % 2 = 0 THEN 'female' ELSE 'male' END, date '2010-09-01' + (i % 1500) * interval '1 day'
              FROM generate_series(0, $1 - 1) i`,
      params: [n],
    },
    {
      name: 'guardians',
      weight: 1,
      sql: `INSERT INTO guardians (school_id, student_id, name, relation, phone, is_primary)
            SELECT ${school(`i / ${STUDENTS_PER_SCHOOL}`)}, ${idSql('student', 'i')}, 'Guardian ' || i,
                   CASE WHEN i % 2 = 0 THEN 'mother' ELSE 'father' END, '138' || lpad((i % 100000000)::text, 8, '0'), true
              FROM generate_series(0, $1 - 1) i`,
      params: [n],
    },
    {
      name: 'screening campaigns (one closed, one open per school)',
      weight: 0.001,
      sql: `INSERT INTO screening_campaigns (id, school_id, name, status, opens_at, closes_at, consent_text_zh, created_by, opened_at, closed_at)
            SELECT ${idSql('campaign', 'k * 2')}, ${school('k')}, 'Autumn screening', 'closed', now() - interval '120 days',
                   now() - interval '90 days', '同意参加筛查', ${idSql('admin', 'k')}, now() - interval '120 days', now() - interval '90 days'
              FROM generate_series(0, $1 - 1) k
            UNION ALL
            SELECT ${idSql('campaign', 'k * 2 + 1')}, ${school('k')}, 'Spring screening', 'open', now() - interval '1 day',
                   now() + interval '30 days', '同意参加筛查', ${idSql('admin', 'k')}, now() - interval '1 day', NULL
              FROM generate_series(0, $1 - 1) k`,
      params: [schools],
    },
    {
      name: 'campaign instruments and counselors',
      weight: 0.01,
      sql: `WITH phq9 AS (SELECT id FROM screening_instruments WHERE code = 'phq9' ORDER BY version DESC LIMIT 1),
            instruments AS (
              INSERT INTO screening_campaign_instruments (campaign_id, instrument_id, school_id, position)
              SELECT ${idSql('campaign', 'm')}, phq9.id, ${school('m / 2')}, 1 FROM generate_series(0, $1 * 2 - 1) m, phq9)
            INSERT INTO screening_campaign_counselors (campaign_id, user_id, school_id)
            SELECT ${idSql('campaign', 'm')}, ${idSql('counselor', `(m / 2) * ${COUNSELORS_PER_SCHOOL} + j`)}, ${school('m / 2')}
              FROM generate_series(0, $1 * 2 - 1) m CROSS JOIN generate_series(0, ${COUNSELORS_PER_SCHOOL - 1}) j`,
      params: [schools],
    },
    {
      name: 'screening invitations (used in the closed campaign, pending in the open one)',
      weight: 3.6,
      sql: `INSERT INTO screening_invitations (id, school_id, campaign_id, student_id, token_hash, status, used_at, created_at)
            SELECT ${idSql('invitation', 'i * 2 + p')}, ${school(`i / ${STUDENTS_PER_SCHOOL}`)},
                   ${idSql('campaign', `(i / ${STUDENTS_PER_SCHOOL}) * 2 + p`)}, ${idSql('student', 'i')},
                   digest(rtrim(translate(encode(hmac(${idSql('invitation', 'i * 2 + p')}::text, $2::text, 'sha256'), 'base64'), '+/', '-_'), '='), 'sha256'),
                   CASE p WHEN 0 THEN 'used' ELSE 'pending' END,
                   CASE p WHEN 0 THEN now() - interval '100 days' END,
                   now() - CASE p WHEN 0 THEN interval '120 days' ELSE interval '1 day' END
              FROM generate_series(0, $1 - 1) i CROSS JOIN generate_series(0, 1) p`,
      params: [n, options.surveySecret],
    },
    {
      name: 'screening responses (PHQ-9 of the closed campaign)',
      weight: 2.1,
      sql: `WITH phq9 AS (SELECT id, version FROM screening_instruments WHERE code = 'phq9' ORDER BY version DESC LIMIT 1)
            INSERT INTO screening_responses (school_id, campaign_id, invitation_id, student_id, instrument_id, instrument_code,
                   instrument_version, answers, total, band_code, classification, critical_items_hit, source, administered_at, submitted_at)
            SELECT ${school(`i / ${STUDENTS_PER_SCHOOL}`)}, ${idSql('campaign', `(i / ${STUDENTS_PER_SCHOOL}) * 2`)}, ${idSql('invitation', 'i * 2')},
                   ${idSql('student', 'i')}, phq9.id, 'phq9', phq9.version, 'bench:sealed', (i * 7) % 28, NULL, NULL, '{}', 'survey',
                   now() - interval '100 days', now() - interval '100 days'
              FROM generate_series(0, $1 - 1) i, phq9`,
      params: [n],
    },
    {
      // A fifth of the students have a case, owned by one of their school's counselors (by class),
      // spread over the states; the owner is on the case team.
      name: 'cases and case teams',
      weight: 0.5,
      sql: `WITH made AS (
              INSERT INTO cases (id, school_id, student_id, state, risk_level, owner_id, source_type, opened_at, opened_by, closed_at)
              SELECT ${idSql('case', 'i')}, ${school(`i / ${STUDENTS_PER_SCHOOL}`)}, ${idSql('student', 'i')},
                     (ARRAY['open', 'assessing', 'active', 'monitoring', 'closed'])[1 + (i / 5) % 5],
                     (ARRAY['low', 'moderate', 'high', 'moderate'])[1 + i % 4],
                     ${idSql('counselor', `(i / ${STUDENTS_PER_SCHOOL}) * ${COUNSELORS_PER_SCHOOL} + (i / ${STUDENTS_PER_CLASS}) % ${COUNSELORS_PER_SCHOOL}`)},
                     'manual', now() - (i % 300) * interval '1 hour' - interval '1 day',
                     ${idSql('counselor', `(i / ${STUDENTS_PER_SCHOOL}) * ${COUNSELORS_PER_SCHOOL} + (i / ${STUDENTS_PER_CLASS}) % ${COUNSELORS_PER_SCHOOL}`)},
                     CASE WHEN (i / 5) % 5 = 4 THEN now() - interval '1 hour' END
                FROM generate_series(0, $1 - 1) i WHERE i % 5 = 1
              RETURNING id, school_id, owner_id, opened_at)
            INSERT INTO case_team_members (school_id, case_id, user_id, added_at) SELECT school_id, id, owner_id, opened_at FROM made`,
      params: [n],
    },
    {
      name: 'appointments (completed, one per ten students)',
      weight: 0.1,
      sql: `INSERT INTO appointments (school_id, student_id, counselor_id, status, starts_at, ends_at, mode, place, requested_by, requested_at, outcome_recorded_at)
            SELECT ${school(`i / ${STUDENTS_PER_SCHOOL}`)}, ${idSql('student', 'i')},
                   ${idSql('counselor', `(i / ${STUDENTS_PER_SCHOOL}) * ${COUNSELORS_PER_SCHOOL} + (i / ${STUDENTS_PER_CLASS}) % ${COUNSELORS_PER_SCHOOL}`)},
                   'completed', date_trunc('hour', now()) - (i % 2000) * interval '1 hour' - interval '2 days',
                   date_trunc('hour', now()) - (i % 2000) * interval '1 hour' - interval '2 days' + interval '45 minutes',
                   'room', 'Room 201', ${idSql('counselor', `(i / ${STUDENTS_PER_SCHOOL}) * ${COUNSELORS_PER_SCHOOL} + (i / ${STUDENTS_PER_CLASS}) % ${COUNSELORS_PER_SCHOOL}`)},
                   now() - interval '90 days', now() - interval '1 day'
              FROM generate_series(0, $1 - 1) i WHERE i % 10 = 7`,
      params: [n],
    },
    {
      // Six entries per student over the last half year, numbered in time order (whole
      // milliseconds, as the application stores them), staged unhashed: the chain comes next.
      name: 'audit history (6 entries per student), staged',
      weight: 2.1,
      sql: `CREATE UNLOGGED TABLE bench_audit_stage AS
            SELECT nextval('audit_events_seq') AS seq, t.at, t.i / ${STUDENTS_PER_SCHOOL} AS school_no,
                   ${school(`t.i / ${STUDENTS_PER_SCHOOL}`)} AS school_id, ${idSql('teacher', `t.i / ${STUDENTS_PER_CLASS}`)} AS actor_id,
                   ${idSql('student', 't.i')} AS student_id
              FROM (SELECT i, date_trunc('milliseconds', now() - interval '180 days' + (e * 30 + i % 30) * interval '1 day'
                             + (i % 86400) * interval '1 second') AS at
                      FROM generate_series(0, $1 - 1) i CROSS JOIN generate_series(0, 5) e ORDER BY 2, 1) t`,
      params: [n],
    },
    {
      name: 'audit chain (HMAC-SHA256 per school, as libs/audit/src/chain)',
      weight: 1.5,
      sql: AUDIT_CHAIN_FUNCTION,
      parallel: [0, 1].map((part) => `SELECT bench_chain_audit(2, ${part}, decode('${options.auditChainKey.toString('hex')}', 'hex')) AS rows`),
    },
    {
      name: 'audit history into audit_events',
      weight: 13,
      sql: `INSERT INTO audit_events (seq, occurred_at, school_id, actor_id, actor_role, action, entity_type, entity_id, student_id,
                                        outcome, severity, hash_alg, prev_hash, hash)
            SELECT seq, at, school_id, actor_id, 'class_teacher', 'student.read', 'student', student_id, student_id,
                   'success', 'normal', 'hmac-sha256', prev_hash, hash
              FROM bench_audit_chained ORDER BY seq`,
      after: 'DROP TABLE bench_audit_stage, bench_audit_chained; DROP FUNCTION bench_chain_audit',
    },
    { name: 'analyze', weight: 0.6, sql: 'ANALYZE' },
  ];
  const progress = seedProgress(steps.map((step) => ({ name: step.name, units: Math.max(1, Math.round(step.weight * n)) })));
  const timings: SeedStepTiming[] = [];
  try {
    for (const [index, step] of steps.entries()) {
      const started = Date.now();
      progress.start(index);
      let rows = (await client.query(step.sql, step.params)).rowCount ?? 0;
      if (step.parallel) {
        const results = await Promise.all(
          step.parallel.map(async (sql) => {
            const extra = await connect();
            try {
              return (await extra.query<{ rows: string }>(sql)).rows[0]?.rows ?? '0';
            } finally {
              await extra.end();
            }
          }),
        );
        rows = results.reduce((sum, r) => sum + Number(r), 0);
      }
      if (step.after) await client.query(step.after);
      progress.done(index, rows);
      timings.push({ name: step.name, rows, seconds: (Date.now() - started) / 1000 });
    }
  } finally {
    progress.stop();
  }
  return timings;
}
