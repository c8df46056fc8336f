import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchool, createUser, type TestUser } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

/**
 * The school's first person accountable (第一责任人): a flag on one active administrator per
 * school, set through PATCH /users/{userId}. Every test makes its own school.
 */
describe("the school's first person accountable", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  async function school() {
    const { id } = await createSchool(t);
    const [principal, admin, counselor] = await Promise.all([
      createUser(t, { schoolId: id, role: 'admin' }),
      createUser(t, { schoolId: id, role: 'admin' }),
      createUser(t, { schoolId: id, role: 'counselor' }),
    ]);
    return { id, principal, admin, counselor, authorization: await bearer(t, admin) };
  }

  const versionOf = async (user: { id: string }) =>
    (await t.dataSource.query<{ version: number }[]>('SELECT version FROM users WHERE id = $1', [user.id]))[0].version;
  /** PATCH at the user's current version. */
  const patch = async (authorization: string, user: { id: string }, body: object) =>
    t.http.patch(`/api/v1/users/${user.id}`).set('authorization', authorization).send({ version: await versionOf(user), ...body });
  const holdersOf = async (schoolId: string) =>
    (await t.dataSource.query<{ id: string }[]>('SELECT id FROM users WHERE school_id = $1 AND first_accountable', [schoolId])).map((r) => r.id);
  const auditOf = (entityId: string) =>
    t.dataSource.query<{ action: string; changed_fields: string[] }[]>(
      'SELECT action, changed_fields FROM audit_events WHERE entity_id = $1 ORDER BY seq',
      [entityId],
    );

  it('names an administrator, shown in the user views, audited by field name', async () => {
    const s = await school();
    const res = await patch(s.authorization, s.principal, { firstAccountable: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: s.principal.id, role: 'admin', firstAccountable: true, version: 2 });
    expect((await t.http.get(`/api/v1/users/${s.principal.id}`).set('authorization', s.authorization)).body.firstAccountable).toBe(true);
    const list = await t.http.get('/api/v1/users?role=admin').set('authorization', s.authorization);
    expect(Object.fromEntries(list.body.items.map((u: { id: string; firstAccountable: boolean }) => [u.id, u.firstAccountable]))).toEqual({
      [s.principal.id]: true,
      [s.admin.id]: false,
    });
    expect(await auditOf(s.principal.id)).toEqual([{ action: 'user.update', changed_fields: ['firstAccountable'] }]);
  });

  it('lets administrators name themselves, and changes nothing when asked again', async () => {
    const s = await school();
    expect((await patch(s.authorization, s.admin, { firstAccountable: true })).status).toBe(200);
    const again = await patch(s.authorization, s.admin, { firstAccountable: true });
    expect(again.body).toMatchObject({ firstAccountable: true, version: 2 });
    expect(await auditOf(s.admin.id)).toHaveLength(1);
  });

  it('refuses anyone but an active administrator with 409, and changes nothing', async () => {
    const s = await school();
    const inactive = await createUser(t, { schoolId: s.id, role: 'admin', active: false });
    expectProblem(await patch(s.authorization, s.counselor, { firstAccountable: true }), 409, 'user.first_accountable_not_admin');
    expectProblem(await patch(s.authorization, inactive, { firstAccountable: true }), 409, 'user.first_accountable_not_admin');
    expectProblem(await patch(s.authorization, s.principal, { firstAccountable: true, active: false }), 409, 'user.first_accountable_not_admin');
    expect(await holdersOf(s.id)).toEqual([]);
    expect(await versionOf(s.counselor)).toBe(1);

    // Made an administrator in the same request, they may be named.
    const promoted = await patch(s.authorization, s.counselor, { role: 'admin', firstAccountable: true });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ role: 'admin', firstAccountable: true });
  });

  it('moves the flag: naming another administrator takes it from the one before, audited for both', async () => {
    const s = await school();
    expect((await patch(s.authorization, s.principal, { firstAccountable: true })).status).toBe(200);
    const moved = await patch(s.authorization, s.admin, { firstAccountable: true });
    expect(moved.status).toBe(200);
    expect(moved.body.firstAccountable).toBe(true);
    expect(await holdersOf(s.id)).toEqual([s.admin.id]);

    const before = await t.http.get(`/api/v1/users/${s.principal.id}`).set('authorization', s.authorization);
    expect(before.body).toMatchObject({ firstAccountable: false, version: 3 });
    expect(await auditOf(s.principal.id)).toEqual([
      { action: 'user.update', changed_fields: ['firstAccountable'] },
      { action: 'user.update', changed_fields: ['firstAccountable'] },
    ]);
    expect(await auditOf(s.admin.id)).toEqual([{ action: 'user.update', changed_fields: ['firstAccountable'] }]);

    const removed = await patch(s.authorization, s.admin, { firstAccountable: false });
    expect(removed.body.firstAccountable).toBe(false);
    expect(await holdersOf(s.id)).toEqual([]);
  });

  it('keeps one per school, not one in all: each school names its own', async () => {
    const [a, b] = [await school(), await school()];
    expect((await patch(a.authorization, a.principal, { firstAccountable: true })).status).toBe(200);
    expect((await patch(b.authorization, b.principal, { firstAccountable: true })).status).toBe(200);
    expect(await holdersOf(a.id)).toEqual([a.principal.id]);
    expect(await holdersOf(b.id)).toEqual([b.principal.id]);
  });

  it('leaves exactly one holder when several administrators are named at once', async () => {
    const s = await school();
    const others = await Promise.all([1, 2, 3].map(() => createUser(t, { schoolId: s.id, role: 'admin' })));
    expect((await patch(s.authorization, s.principal, { firstAccountable: true })).status).toBe(200);
    for (let round = 0; round < 3; round++) {
      const candidates = [s.admin, ...others];
      const answers = await Promise.all(candidates.map((user) => patch(s.authorization, user, { firstAccountable: true })));
      // Each naming waits for the one before and then replaces it: all succeed, the last one holds.
      expect(answers.map((res) => res.status)).toEqual(candidates.map(() => 200));
      const holders = await holdersOf(s.id);
      expect(holders).toHaveLength(1);
      expect(candidates.map((u) => u.id)).toContain(holders[0]);
      const replaced = [s.principal, ...candidates].filter((u) => u.id !== holders[0]);
      for (const user of replaced) {
        expect((await t.http.get(`/api/v1/users/${user.id}`).set('authorization', s.authorization)).body.firstAccountable).toBe(false);
      }
      expect((await patch(s.authorization, { id: holders[0] }, { firstAccountable: false })).status).toBe(200);
    }
  });

  it("refuses to change the holder's role or deactivate them unless the same request clears the flag", async () => {
    const s = await school();
    expect((await patch(s.authorization, s.principal, { firstAccountable: true })).status).toBe(200);
    expectProblem(await patch(s.authorization, s.principal, { role: 'counselor' }), 409, 'user.first_accountable_must_stay_admin');
    expectProblem(await patch(s.authorization, s.principal, { active: false }), 409, 'user.first_accountable_must_stay_admin');
    expect(await versionOf(s.principal)).toBe(2);
    expect(await holdersOf(s.id)).toEqual([s.principal.id]);

    const demoted = await patch(s.authorization, s.principal, { role: 'counselor', firstAccountable: false });
    expect(demoted.status).toBe(200);
    expect(demoted.body).toMatchObject({ role: 'counselor', firstAccountable: false });
    expect((await auditOf(s.principal.id)).at(-1)).toEqual({ action: 'user.update', changed_fields: ['firstAccountable', 'role'] });
  });

  it('holds both rules in the database too: only an active administrator, one per school', async () => {
    const s = await school();
    const flag = (user: TestUser) => t.dataSource.query('UPDATE users SET first_accountable = true WHERE id = $1', [user.id]);
    await expect(flag(s.counselor)).rejects.toMatchObject({ driverError: { constraint: 'users_first_accountable_check' } });
    await flag(s.principal);
    await expect(flag(s.admin)).rejects.toMatchObject({ driverError: { constraint: 'users_first_accountable_key' } });
    await expect(t.dataSource.query(`UPDATE users SET role = 'counselor' WHERE id = $1`, [s.principal.id])).rejects.toMatchObject({
      driverError: { constraint: 'users_first_accountable_check' },
    });
  });

  it.each([['yes'], [null], [1]])('rejects firstAccountable = %p with 400', async (value) => {
    const s = await school();
    const res = await patch(s.authorization, s.principal, { firstAccountable: value });
    expectProblem(res, 400, 'validation.invalid');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['firstAccountable']);
  });

  it('may be set by administrators only', async () => {
    const s = await school();
    expectProblem(await patch(await bearer(t, s.counselor), s.principal, { firstAccountable: true }), 403, 'auth.forbidden');
  });
});
