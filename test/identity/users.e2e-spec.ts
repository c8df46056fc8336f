import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchool, createSchoolWorld, createUser, TEST_PASSWORD, type TestUser } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

type World = Awaited<ReturnType<typeof createSchoolWorld>>;
type UserItem = { id: string; username: string; role: string; active: boolean };

const NEW_PASSWORD = 'a long initial password';

describe('staff accounts', () => {
  let t: TestApp;
  let w: World;
  let admin: string;

  const get = (userId: string, authorization = admin) => t.http.get(`/api/v1/users/${userId}`).set('authorization', authorization);
  const create = (body: object, authorization = admin) => t.http.post('/api/v1/users').set('authorization', authorization).send(body);
  const patch = (userId: string, body: object, authorization = admin) =>
    t.http.patch(`/api/v1/users/${userId}`).set('authorization', authorization).send(body);
  const unlock = (userId: string, authorization = admin) => t.http.post(`/api/v1/users/${userId}/unlock`).set('authorization', authorization);
  const login = (username: string, password = TEST_PASSWORD) => t.http.post('/api/v1/auth/login').send({ username, password });
  const newUser = (role: TestUser['role'] = 'counselor') => createUser(t, { schoolId: w.school.id, role });
  const auditOf = (entityId: string) =>
    t.dataSource.query<{ action: string; changed_fields: string[] }[]>(
      'SELECT action, changed_fields FROM audit_events WHERE entity_id = $1 ORDER BY seq',
      [entityId],
    );

  beforeAll(async () => {
    process.env.AUTH_RATE_LIMIT_PER_MINUTE = '1000';
    t = await createTestApp();
    w = await createSchoolWorld(t);
    admin = await bearer(t, w.admin);
  });
  afterAll(async () => t.close());

  describe('who may do what', () => {
    const routes = {
      'GET /users': (auth: string) => t.http.get('/api/v1/users').set('authorization', auth),
      'GET /users/{userId}': (auth: string) => get(w.duty.id, auth),
      'POST /users': (auth: string) => create({ username: `matrix-${randomUUID().slice(0, 8)}`, displayName: 'x', role: 'duty_officer', password: NEW_PASSWORD }, auth),
      'PATCH /users/{userId}': (auth: string) => patch(w.duty.id, { displayName: 'x' }, auth).set('if-match', '"999"'),
      'POST /users/{userId}/unlock': (auth: string) => unlock(w.duty.id, auth),
    };
    // 409 for PATCH: allowed through the guard, then refused for the stale version.
    const allowed: Record<keyof typeof routes, number> = {
      'GET /users': 200,
      'GET /users/{userId}': 200,
      'POST /users': 201,
      'PATCH /users/{userId}': 409,
      'POST /users/{userId}/unlock': 200,
    };
    const readers = new Set(['GET /users', 'GET /users/{userId}']);

    it.each(Object.keys(routes) as (keyof typeof routes)[])('%s', async (route) => {
      const statuses: Record<string, number> = {};
      for (const who of ['admin', 'counselor', 'teacher', 'duty'] as const) statuses[who] = (await routes[route](await bearer(t, w[who]))).status;
      expect(statuses).toEqual({
        admin: allowed[route],
        counselor: readers.has(route) ? allowed[route] : 403,
        teacher: 403,
        duty: 403,
      });
    });
  });

  describe('GET /users', () => {
    it("lists the school's staff without password hashes or sign-in counters", async () => {
      const res = await t.http.get('/api/v1/users').set('authorization', admin);
      expect(res.status).toBe(200);
      const ids = res.body.items.map((u: UserItem) => u.id);
      expect(ids).toEqual(expect.arrayContaining([w.admin.id, w.counselor.id, w.teacher.id, w.teacher2.id, w.duty.id]));
      expect(ids).not.toContain(w.otherAdmin.id);
      expect(Object.keys(res.body.items[0]).sort()).toEqual(
        ['active', 'createdAt', 'displayName', 'firstAccountable', 'id', 'locked', 'phone', 'role', 'updatedAt', 'username', 'version'].sort(),
      );
      expect(res.text).not.toMatch(/argon2|password|failed|lockedUntil/i);
    });

    it('filters by role (repeatable) and by active', async () => {
      const schoolId = (await createSchool(t)).id;
      const [schoolAdmin, counselor, teacher, duty, inactiveDuty] = await Promise.all([
        createUser(t, { schoolId, role: 'admin' }),
        createUser(t, { schoolId, role: 'counselor' }),
        createUser(t, { schoolId, role: 'class_teacher' }),
        createUser(t, { schoolId, role: 'duty_officer' }),
        createUser(t, { schoolId, role: 'duty_officer', active: false }),
      ]);
      const authorization = await bearer(t, schoolAdmin);
      const idsOf = async (query: string) =>
        ((await t.http.get(`/api/v1/users?${query}`).set('authorization', authorization)).body.items as UserItem[]).map((u) => u.id).sort();
      expect(await idsOf('role=class_teacher')).toEqual([teacher.id]);
      expect(await idsOf('role=admin&role=counselor')).toEqual([schoolAdmin.id, counselor.id].sort());
      expect(await idsOf('active=false')).toEqual([inactiveDuty.id]);
      expect(await idsOf('active=true&role=duty_officer')).toEqual([duty.id]);
    });

    it.each([['role', 'superuser'], ['active', 'yes']])('rejects %s=%s with 400', async (field, value) => {
      const res = await t.http.get('/api/v1/users').query({ [field]: value }).set('authorization', admin);
      expectProblem(res, 400, 'validation.invalid');
      expect(res.body.errors[0].field).toBe(field);
    });

    it('pages through the staff, each once', async () => {
      const school = await createSchool(t);
      const made = [];
      for (let i = 0; i < 7; i++) made.push(await createUser(t, { schoolId: school.id, role: 'counselor' }));
      const authorization = await bearer(t, made[0]);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: Response = await t.http.get('/api/v1/users').query({ limit: 3, ...(cursor ? { cursor } : {}) }).set('authorization', authorization);
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((u: UserItem) => u.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen.sort()).toEqual(made.map((u) => u.id).sort());
    });

    it('is open to counselors, not to class teachers or duty officers', async () => {
      expect((await t.http.get('/api/v1/users').set('authorization', await bearer(t, w.counselor))).status).toBe(200);
      for (const who of [w.teacher, w.duty]) {
        expectProblem(await t.http.get('/api/v1/users').set('authorization', await bearer(t, who)), 403, 'auth.forbidden');
        expectProblem(await get(w.admin.id, await bearer(t, who)), 403, 'auth.forbidden');
      }
    });
  });

  describe('GET /users/{userId}', () => {
    it('shows a colleague', async () => {
      const res = await get(w.teacher.id, await bearer(t, w.counselor));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: w.teacher.id, username: w.teacher.username, role: 'class_teacher', active: true, locked: false });
    });

    it("answers another school's user exactly like a missing one", async () => {
      const other = await get(w.otherAdmin.id);
      const missing = await get(randomUUID());
      expectProblem(other, 404, 'user.not_found');
      expect(other.body).toEqual(missing.body);
    });
  });

  describe('POST /users', () => {
    it('creates an account that can sign in: 201, Location, argon2id hash, audited without the password', async () => {
      const res = await create({ username: 'zhang.wei', displayName: '张伟', role: 'class_teacher', phone: '13800138000', password: NEW_PASSWORD });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        username: 'zhang.wei',
        displayName: '张伟',
        role: 'class_teacher',
        active: true,
        phone: '13800138000',
        firstAccountable: false,
        locked: false,
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(res.headers.location).toBe(`/api/v1/users/${res.body.id}`);
      expect((await t.http.get(res.headers.location).set('authorization', admin)).body).toEqual(res.body);
      const [row] = await t.dataSource.query('SELECT school_id, password_hash FROM users WHERE id = $1', [res.body.id]);
      expect(row.school_id).toBe(w.school.id);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect((await login('zhang.wei', NEW_PASSWORD)).status).toBe(200);
      expect(await auditOf(res.body.id as string)).toEqual(
        expect.arrayContaining([{ action: 'user.create', changed_fields: ['displayName', 'phone', 'role', 'username'] }]),
      );
    });

    it('refuses a user name taken in any school, ignoring case', async () => {
      await createUser(t, { schoolId: w.otherSchool.id, role: 'counselor', username: 'Li.Na' });
      const res = await create({ username: 'li.na', displayName: '李娜', role: 'counselor', password: NEW_PASSWORD });
      expectProblem(res, 409, 'user.duplicate_username');
      expect(JSON.stringify(res.body)).not.toContain(w.otherSchool.id);
    });

    it.each([
      ['username', 'ab'],
      ['username', 'Upper.Case'],
      ['username', 'has space'],
      ['username', 'x'.repeat(51)],
      ['password', 'short pass1'],
      ['role', 'superuser'],
      ['phone', 'call me'],
      ['displayName', ''],
    ])('rejects %s = %p with 400 naming it', async (field, value) => {
      const valid = { username: `valid-${randomUUID().slice(0, 8)}`, displayName: '有效', role: 'counselor', password: NEW_PASSWORD };
      const res = await create({ ...valid, [field]: value });
      expectProblem(res, 400, 'validation.invalid');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    });

    it.each(['id', 'schoolId', 'createdBy', 'passwordHash', 'active', 'version'])('refuses %s in the body', async (field) => {
      const res = await create({
        username: `mass-${randomUUID().slice(0, 8)}`,
        displayName: '批量赋值',
        role: 'counselor',
        password: NEW_PASSWORD,
        [field]: field === 'active' ? true : field === 'version' ? 1 : randomUUID(),
      });
      expectProblem(res, 400, 'validation.invalid');
      expect(res.body.errors).toEqual([{ field, message: expect.any(String) }]);
    });

    it('is forbidden to counselors', async () => {
      const res = await create({ username: 'by-counselor', displayName: 'x', role: 'admin', password: NEW_PASSWORD }, await bearer(t, w.counselor));
      expectProblem(res, 403, 'auth.forbidden');
    });
  });

  describe('PATCH /users/{userId}', () => {
    it('changes name and phone with the version, audited by field name', async () => {
      const user = await newUser();
      const res = await t.http
        .patch(`/api/v1/users/${user.id}`)
        .set('authorization', admin)
        .set('if-match', '"1"')
        .send({ displayName: '新名字', phone: '010-12345678' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ displayName: '新名字', phone: '010-12345678', version: 2 });
      const cleared = await patch(user.id, { phone: null, version: 2 });
      expect(cleared.body).toMatchObject({ phone: null, version: 3 });
      expect(await auditOf(user.id)).toEqual([
        { action: 'user.update', changed_fields: ['displayName', 'phone'] },
        { action: 'user.update', changed_fields: ['phone'] },
      ]);
    });

    it('answers a stale version with 409 and changes nothing', async () => {
      const user = await newUser();
      expect((await patch(user.id, { displayName: 'first', version: 1 })).status).toBe(200);
      expectProblem(await patch(user.id, { displayName: 'second', version: 1 }), 409, 'user.version_conflict');
      const [row] = await t.dataSource.query('SELECT display_name, version FROM users WHERE id = $1', [user.id]);
      expect(row).toEqual({ display_name: 'first', version: 2 });
    });

    it('does not let administrators deactivate or demote themselves', async () => {
      const self = await newUser('admin');
      const authorization = await bearer(t, self);
      expectProblem(await patch(self.id, { active: false, version: 1 }, authorization), 409, 'user.self_lockout');
      expectProblem(await patch(self.id, { role: 'counselor', version: 1 }, authorization), 409, 'user.self_lockout');
      expect((await patch(self.id, { displayName: '我自己', role: 'admin', version: 1 }, authorization)).status).toBe(200);
    });

    it('signs a deactivated user out at once: their token answers 401 on the next request, refresh tokens are revoked', async () => {
      const user = await newUser();
      const session = (await login(user.username)).body;
      const token = `Bearer ${session.accessToken}`;
      const minted = await bearer(t, user);
      expect((await t.http.get('/api/v1/me').set('authorization', token)).status).toBe(200);

      expect((await patch(user.id, { active: false, version: 1 })).status).toBe(200);
      expectProblem(await t.http.get('/api/v1/me').set('authorization', token), 401, 'auth.session_invalid');
      expectProblem(await t.http.get('/api/v1/me').set('authorization', minted), 401, 'auth.session_invalid');
      expect((await t.http.post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken })).status).toBe(401);
      const tokens = await t.dataSource.query('SELECT revoked_at FROM refresh_tokens WHERE user_id = $1', [user.id]);
      expect(tokens.every((r: { revoked_at: Date | null }) => r.revoked_at !== null)).toBe(true);
    });

    it('ends every session of a user whose role changes', async () => {
      const user = await newUser('counselor');
      const session = (await login(user.username)).body;
      const res = await patch(user.id, { role: 'class_teacher', version: 1 });
      expect(res.body).toMatchObject({ role: 'class_teacher', version: 2 });
      expect((await t.http.get('/api/v1/me').set('authorization', `Bearer ${session.accessToken}`)).status).toBe(401);
      expect((await t.http.post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken })).status).toBe(401);
    });

    it('keeps sessions when only the name changes', async () => {
      const user = await newUser();
      const session = (await login(user.username)).body;
      expect((await patch(user.id, { displayName: 'renamed', version: 1 })).status).toBe(200);
      expect((await t.http.get('/api/v1/me').set('authorization', `Bearer ${session.accessToken}`)).status).toBe(200);
    });

    it("answers another school's user exactly like a missing one, and leaves it alone", async () => {
      const other = await patch(w.otherCounselor.id, { active: false, version: 1 });
      const missing = await patch(randomUUID(), { active: false, version: 1 });
      expectProblem(other, 404, 'user.not_found');
      expect(other.body).toEqual(missing.body);
      const [row] = await t.dataSource.query('SELECT active FROM users WHERE id = $1', [w.otherCounselor.id]);
      expect(row.active).toBe(true);
    });

    it.each(['username', 'password', 'schoolId', 'id'])('refuses %s in the body', async (field) => {
      const res = await patch(w.duty.id, { [field]: 'x', version: 1 });
      expectProblem(res, 400, 'validation.invalid');
      expect(res.body.errors).toEqual([{ field, message: expect.any(String) }]);
    });

    it('is forbidden to counselors', async () => {
      expectProblem(await patch(w.duty.id, { displayName: 'x', version: 1 }, await bearer(t, w.counselor)), 403, 'auth.forbidden');
    });
  });

  describe('POST /users/{userId}/unlock', () => {
    it('lifts a sign-in lock and forgets the failures, audited', async () => {
      const user = await newUser();
      await t.dataSource.query(
        `UPDATE users SET failed_login_count = 10, failed_login_window_started_at = now(), locked_until = now() + interval '15 minutes' WHERE id = $1`,
        [user.id],
      );
      expect((await get(user.id)).body.locked).toBe(true);
      expect((await login(user.username)).status).toBe(401);

      const res = await unlock(user.id);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: user.id, locked: false, version: 1 });
      const [row] = await t.dataSource.query('SELECT failed_login_count, locked_until FROM users WHERE id = $1', [user.id]);
      expect(row).toEqual({ failed_login_count: 0, locked_until: null });
      expect((await login(user.username)).status).toBe(200);
      expect((await auditOf(user.id)).map((e) => e.action)).toContain('user.unlock');
    });

    it("answers another school's user with 404, and is forbidden to counselors", async () => {
      expectProblem(await unlock(w.otherAdmin.id), 404, 'user.not_found');
      expectProblem(await unlock(w.duty.id, await bearer(t, w.counselor)), 403, 'auth.forbidden');
    });
  });
});
