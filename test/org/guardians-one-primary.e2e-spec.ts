import type { QueryRunner } from 'typeorm';
import { OnePrimaryGuardian1795826000000 } from '../../migrations/1795826000000-one-primary-guardian.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import type { TestDatabase } from '../support/test-database.js';
import { bearer, createSchoolWorld, createStudent } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

type World = Awaited<ReturnType<typeof createSchoolWorld>>;
/** As the owner: the application role does not see other sessions' wait events. */
async function waitUntilSomeoneWaitsForALock(database: TestDatabase): Promise<void> {
  for (let attempt = 0; attempt < 250; attempt++) {
    const [{ waiting }] = await database.asOwner<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (waiting > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the request never waited for the other transaction');
}

describe('one primary guardian per student', () => {
  let t: TestApp;
  let w: World;
  let admin: string;
  let student: { id: string };

  const base = () => `/api/v1/students/${student.id}/guardians`;
  const add = (body: Record<string, unknown>) => t.http.post(base()).set('authorization', admin).send(body);
  const makePrimary = (guardianId: string, version: number) =>
    t.http.patch(`${base()}/${guardianId}`).set('authorization', admin).set('if-match', `"${version}"`).send({ isPrimary: true });
  const primaries = async () =>
    (
      await t.dataSource.query<{ id: string }[]>('SELECT id FROM guardians WHERE student_id = $1 AND is_primary', [student.id])
    ).map((g) => g.id);
  const insertGuardian = (runner: { query(sql: string, values: unknown[]): Promise<unknown> }, isPrimary: boolean) =>
    runner.query(
      `INSERT INTO guardians (school_id, student_id, name, relation, phone, is_primary) VALUES ($1, $2, '王芳', 'mother', '13800000000', $3) RETURNING id`,
      [w.school.id, student.id, isPrimary],
    ) as Promise<{ id: string }[]>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createSchoolWorld(t);
    admin = await bearer(t, w.admin);
  });
  beforeEach(async () => {
    student = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id });
  });
  afterAll(async () => t.close());

  it('is a fact of the database: a second primary guardian is refused by guardians_one_primary_key', async () => {
    await insertGuardian(t.dataSource, true);
    await insertGuardian(t.dataSource, false);
    await expect(insertGuardian(t.dataSource, true)).rejects.toMatchObject({
      driverError: { code: '23505', constraint: 'guardians_one_primary_key' },
    });
  });

  it('lets concurrent "make primary" requests for different guardians take turns: all succeed, one primary at the end', async () => {
    const guardians: string[] = [];
    for (let i = 0; i < 6; i++) guardians.push((await add({ name: `监护人${i}`, relation: 'other', phone: '13812345678' })).body.id as string);
    const answers = await Promise.all(guardians.map((id) => makePrimary(id, 1)));
    expect(answers.map((res) => res.status)).toEqual(guardians.map(() => 200));
    expect(await primaries()).toEqual([expect.any(String)]);
    expect(guardians).toContain((await primaries())[0]);
  });

  it('lets one of concurrent "make primary" requests for the same version win; the others answer 409', async () => {
    const current = await add({ name: '张伟', relation: 'father', phone: '13812345678', isPrimary: true });
    const other = await add({ name: '李娜', relation: 'mother', phone: '13987654321' });
    const answers = await Promise.all(Array.from({ length: 6 }, () => makePrimary(other.body.id as string, 1)));
    expect(answers.map((res) => res.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    for (const res of answers.filter((r) => r.status === 409)) expectProblem(res, 409, 'guardian.version_conflict');
    expect(await primaries()).toEqual([other.body.id]);
    const [demoted] = await t.dataSource.query<{ version: number }[]>('SELECT version FROM guardians WHERE id = $1', [current.body.id]);
    expect(demoted.version).toBe(2);
  });

  describe('against a writer that does not lock the student', () => {
    let other: QueryRunner;

    beforeEach(async () => {
      other = t.dataSource.createQueryRunner();
      await other.connect();
      await other.startTransaction();
    });
    afterEach(async () => {
      if (other.isTransactionActive) await other.rollbackTransaction();
      await other.release();
    });

    it('answers a new primary guardian that lost the race with the 409 of a concurrent change, and adds nothing', async () => {
      const [theirs] = await insertGuardian(other, true);
      const adding = add({ name: '张伟', relation: 'father', phone: '13812345678', isPrimary: true }).then((res) => res);
      await waitUntilSomeoneWaitsForALock(t.database);
      await other.commitTransaction();
      expectProblem(await adding, 409, 'guardian.version_conflict');
      expect(await primaries()).toEqual([theirs.id]);
    });

    it('answers "make primary" that lost the race with the same 409, and changes nothing', async () => {
      const mine = await add({ name: '张伟', relation: 'father', phone: '13812345678' });
      const [theirs] = await insertGuardian(other, true);
      const promoting = makePrimary(mine.body.id as string, 1).then((res) => res);
      await waitUntilSomeoneWaitsForALock(t.database);
      await other.commitTransaction();
      expectProblem(await promoting, 409, 'guardian.version_conflict');
      expect(await primaries()).toEqual([theirs.id]);
      const [row] = await t.dataSource.query<{ version: number }[]>('SELECT version FROM guardians WHERE id = $1', [mine.body.id]);
      expect(row.version).toBe(1);
    });
  });

  it('migrates a student with several primary guardians to the one added first, with new versions for the others', async () => {
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      // A migration runs as the owner (the login role), not as the application role of the pool.
      await runner.query('SET LOCAL ROLE NONE');
      await runner.query('DROP INDEX guardians_one_primary_key');
      const insertPrimary = (addedAgo: string) =>
        runner.query(
          `INSERT INTO guardians (school_id, student_id, name, relation, phone, is_primary, created_at)
           VALUES ($1, $2, '王芳', 'mother', '13800000000', true, now() - $3::interval) RETURNING id`,
          [w.school.id, student.id, addedAgo],
        ) as Promise<{ id: string }[]>;
      const [second] = await insertPrimary('1 day');
      const [first] = await insertPrimary('2 days');
      await new OnePrimaryGuardian1795826000000().up(runner);
      const rows = await runner.query(`SELECT id, is_primary, version FROM guardians WHERE student_id = $1 ORDER BY created_at, id`, [student.id]);
      expect(rows).toEqual([
        { id: first.id, is_primary: true, version: 1 },
        { id: second.id, is_primary: false, version: 2 },
      ]);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
