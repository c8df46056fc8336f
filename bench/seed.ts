import type { Client } from 'pg';
import { log } from './log.js';

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
}

interface Step {
  name: string;
  sql: string;
  params?: unknown[];
}

/** Seeds the benchmark data, every statement set-based (generate_series), printing one line per step. */
export async function seed(client: Client, options: SeedOptions): Promise<void> {
  const n = options.students;
  const schools = Math.ceil(n / STUDENTS_PER_SCHOOL);
  const classes = Math.ceil(n / STUDENTS_PER_CLASS);
  const school = (i: string) => idSql('school', i);
  const steps: Step[] = [
    {
      name: 'schools',
      sql: `INSERT INTO schools (id, name, code) SELECT ${school('k')}, 'Bench school ' || k, 'bench-' || k FROM generate_series(0, $1 - 1) k`,
      params: [schools],
    },
    {
      name: 'grades',
      sql: `INSERT INTO grades (id, school_id, name, sort_order)
            SELECT ${idSql('grade', 'k * 10 + g')}, ${school('k')}, 'Grade ' || (7 + g), g
              FROM generate_series(0, $1 - 1) k CROSS JOIN generate_series(0, ${GRADES_PER_SCHOOL - 1}) g`,
      params: [schools],
    },
    {
      name: 'classes',
      sql: `INSERT INTO classes (id, school_id, grade_id, name)
            SELECT ${idSql('class', 'c')}, ${school(`c / ${CLASSES_PER_SCHOOL}`)},
                   ${idSql('grade', `(c / ${CLASSES_PER_SCHOOL}) * 10 + c % ${GRADES_PER_SCHOOL}`)}, 'Class ' || c
              FROM generate_series(0, $1 - 1) c`,
      params: [classes],
    },
    {
      name: 'users (admins, counselors, class teachers)',
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
      sql: `INSERT INTO class_teacher_assignments (school_id, class_id, user_id, started_at)
            SELECT ${school(`c / ${CLASSES_PER_SCHOOL}`)}, ${idSql('class', 'c')}, ${idSql('teacher', 'c')}, now() - interval '200 days'
              FROM generate_series(0, $1 - 1) c`,
      params: [classes],
    },
    {
      name: 'students',
      sql: `INSERT INTO students (id, school_id, class_id, student_number, name, gender, date_of_birth)
            SELECT ${idSql('student', 'i')}, ${school(`i / ${STUDENTS_PER_SCHOOL}`)}, ${idSql('class', `i / ${STUDENTS_PER_CLASS}`)},
                   'S' || lpad(i::text, 8, '0'), 'Student ' || i,
                   CASE WHEN i % 2 = 0 THEN 'female' ELSE 'male' END, date '2010-09-01' + (i % 1500) * interval '1 day'
              FROM generate_series(0, $1 - 1) i`,
      params: [n],
    },
    {
      name: 'guardians',
      sql: `INSERT INTO guardians (school_id, student_id, name, relation, phone, is_primary)
            SELECT ${school(`i / ${STUDENTS_PER_SCHOOL}`)}, ${idSql('student', 'i')}, 'Guardian ' || i,
                   CASE WHEN i % 2 = 0 THEN 'mother' ELSE 'father' END, '138' || lpad((i % 100000000)::text, 8, '0'), true
              FROM generate_series(0, $1 - 1) i`,
      params: [n],
    },
    {
      name: 'screening campaigns (one closed, one open per school)',
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
      // Six entries per student over the last half year, in time order. Hashes are placeholders:
      // the chain of the seeded history does not verify (see bench/README.md).
      name: 'audit history (6 entries per student)',
      sql: `INSERT INTO audit_events (seq, occurred_at, school_id, actor_id, actor_role, action, entity_type, entity_id, student_id, outcome, hash)
            SELECT nextval('audit_events_seq'), t.at, ${school(`t.i / ${STUDENTS_PER_SCHOOL}`)},
                   ${idSql('teacher', `t.i / ${STUDENTS_PER_CLASS}`)}, 'class_teacher', 'student.read', 'student', ${idSql('student', 't.i')},
                   ${idSql('student', 't.i')}, 'success', digest(t.i::text || ':' || t.e::text, 'sha256')
              FROM (SELECT i, e, now() - interval '180 days' + (e * 30 + i % 30) * interval '1 day' + (i % 86400) * interval '1 second' AS at
                      FROM generate_series(0, $1 - 1) i CROSS JOIN generate_series(0, 5) e) t
             ORDER BY t.at`,
      params: [n],
    },
    { name: 'analyze', sql: 'ANALYZE' },
  ];
  let index = 0;
  for (const step of steps) {
    index += 1;
    const started = Date.now();
    log(`[seed ${index}/${steps.length}] ${step.name} ...`);
    const result = await client.query(step.sql, step.params);
    log(`[seed ${index}/${steps.length}] ${step.name}: ${result.rowCount ?? 0} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
