import type { QueryRunner } from 'typeorm';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createClass, createSchool, createUser } from '../support/factories.js';

type QueryFn = QueryRunner['query'];

/**
 * Every SQL statement the application sends while `run` runs. All of TypeORM's paths (DataSource,
 * EntityManager, query builders) end in the query runner's `query`, so wrapping it on the
 * prototype sees them all, whichever pooled connection runs them.
 */
async function statementsDuring(t: TestApp, run: () => Promise<unknown>): Promise<string[]> {
  const probe = t.dataSource.createQueryRunner();
  const prototype = Object.getPrototypeOf(probe) as { query: QueryFn };
  await probe.release();
  const original = prototype.query;
  const statements: string[] = [];
  prototype.query = function (this: QueryRunner, query: string, ...rest: unknown[]) {
    statements.push(query);
    return (original as (...args: unknown[]) => ReturnType<QueryFn>).call(this, query, ...rest);
  } as QueryFn;
  try {
    await run();
  } finally {
    prototype.query = original;
  }
  return statements;
}

const touchesEducation = (sql: string) => /education_|\bclasses\b/.test(sql);

describe('coverage at scale', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  /**
   * 200 classes in 4 grades and 10 topics (8 system, 2 of the school). Activity i teaches the
   * i-th topic; class n gets it delivered when (n + i) % 3 = 1, planned when 2, nothing when 0.
   */
  async function bigSchool() {
    const school = await createSchool(t);
    const admin = await createUser(t, { schoolId: school.id, role: 'admin' });
    await t.dataSource.query(
      `INSERT INTO grades (school_id, name, sort_order) SELECT $1, 'G' || g, g FROM generate_series(1, 4) g`,
      [school.id],
    );
    await t.dataSource.query(
      `INSERT INTO classes (school_id, grade_id, name)
       SELECT $1, g.id, lpad(n::text, 3, '0')
         FROM generate_series(1, 200) n JOIN grades g ON g.school_id = $1 AND g.sort_order = 1 + n % 4`,
      [school.id],
    );
    await t.dataSource.query(
      `INSERT INTO education_topics (school_id, code, name_zh, name_en, required_before_holiday, sort_order)
       SELECT $1, 'school_topic_' || k, '校本主题' || k, 'School topic ' || k, true, 100 + k FROM generate_series(1, 2) k`,
      [school.id],
    );
    await t.dataSource.query(
      `WITH topics AS (
         SELECT id, row_number() OVER (ORDER BY sort_order, code) AS i FROM education_topics WHERE school_id IS NULL OR school_id = $1),
       activities AS (
         INSERT INTO education_activities (school_id, kind, title, starts_at, ends_at, place, delivered_by_name, created_by)
         SELECT $1, 'class_lesson', 'Lesson ' || i, timestamptz '2026-06-10 10:00+08' + i * interval '1 hour',
                timestamptz '2026-06-10 10:45+08' + i * interval '1 hour', 'Room', 'Teacher', $2
           FROM topics
         RETURNING id, title),
       numbered AS (SELECT a.id, t.id AS topic_id, t.i FROM activities a JOIN topics t ON a.title = 'Lesson ' || t.i),
       linked AS (INSERT INTO education_activity_topics (activity_id, topic_id, school_id) SELECT id, topic_id, $1 FROM numbered)
       INSERT INTO education_deliveries (school_id, activity_id, class_id, starts_at, status)
       SELECT $1, a.id, c.id, timestamptz '2026-06-10 10:00+08' + a.i * interval '1 hour',
              CASE WHEN (c.name::int + a.i) % 3 = 1 THEN 'delivered' ELSE 'planned' END
         FROM numbered a JOIN classes c ON c.school_id = $1
        WHERE (c.name::int + a.i) % 3 <> 0`,
      [school.id, admin.id],
    );
    return { school, admin };
  }

  it('computes the 200 x 10 matrix in one query, the same number of statements as for one class', async () => {
    const big = await bigSchool();
    const small = await createSchool(t);
    const smallAdmin = await createUser(t, { schoolId: small.id, role: 'admin' });
    await createClass(t, small.id);

    const period = { from: '2026-06-01', to: '2026-06-30' };
    let matrix: { topics: { code: string }[]; classes: { name: string; cells: { status: string }[]; missingTopics: string[] }[] } | undefined;
    const bigAuth = await bearer(t, big.admin);
    const bigStatements = await statementsDuring(t, async () => {
      const res = await t.http.get('/api/v1/education/coverage').query(period).set('authorization', bigAuth);
      expect(res.status).toBe(200);
      matrix = res.body;
    });
    const smallAuth = await bearer(t, smallAdmin);
    const smallStatements = await statementsDuring(t, async () => {
      expect((await t.http.get('/api/v1/education/coverage').query(period).set('authorization', smallAuth)).status).toBe(200);
    });

    expect(bigStatements.filter(touchesEducation)).toHaveLength(1);
    expect(bigStatements).toHaveLength(smallStatements.length);

    // And it is right, cell by cell.
    expect(matrix?.topics).toHaveLength(10);
    expect(matrix?.classes).toHaveLength(200);
    const expected = (n: number, i: number) => ['missing', 'delivered', 'planned'][(n + i) % 3];
    for (const row of matrix?.classes ?? []) {
      const n = Number(row.name);
      expect(row.cells.map((cell) => cell.status)).toEqual(Array.from({ length: 10 }, (_, k) => expected(n, k + 1)));
      expect(row.missingTopics).toHaveLength(row.cells.filter((cell) => cell.status === 'missing').length);
    }
  });
});
