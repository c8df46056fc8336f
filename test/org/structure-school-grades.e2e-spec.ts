import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createGrade, createSchool, createSchoolWorld, createUser } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

type World = Awaited<ReturnType<typeof createSchoolWorld>>;
describe('school and grades', () => {
  let t: TestApp;
  let w: World;
  const auth: Record<'admin' | 'counselor' | 'teacher' | 'duty' | 'otherAdmin', string> = {} as never;

  const auditOf = (entityId: string) =>
    t.dataSource.query<{ action: string; changed_fields: string[] | null; actor_id: string }[]>(
      'SELECT action, changed_fields, actor_id FROM audit_events WHERE entity_id = $1 ORDER BY seq',
      [entityId],
    );

  beforeAll(async () => {
    t = await createTestApp();
    w = await createSchoolWorld(t);
    for (const who of ['admin', 'counselor', 'teacher', 'duty', 'otherAdmin'] as const) auth[who] = await bearer(t, w[who]);
  });
  afterAll(async () => t.close());

  describe('GET /schools/{schoolId}', () => {
    it.each(['admin', 'counselor', 'teacher', 'duty'] as const)('shows the own school to a %s', async (who) => {
      const res = await t.http.get(`/api/v1/schools/${w.school.id}`).set('authorization', auth[who]);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: w.school.id,
        name: expect.any(String),
        code: w.school.code,
        timezone: 'Asia/Shanghai',
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
    });

    it("answers another school's id exactly like a missing one", async () => {
      const other = await t.http.get(`/api/v1/schools/${w.otherSchool.id}`).set('authorization', auth.admin);
      const missing = await t.http.get(`/api/v1/schools/${randomUUID()}`).set('authorization', auth.admin);
      expectProblem(other, 404, 'school.not_found');
      expect(other.body).toEqual(missing.body);
    });

    it('requires a token', async () => {
      expect((await t.http.get(`/api/v1/schools/${w.school.id}`)).status).toBe(401);
    });
  });

  describe('PATCH /schools/{schoolId}', () => {
    const patch = (schoolId: string, who: keyof typeof auth, body: object, version?: string) => {
      const req = t.http.patch(`/api/v1/schools/${schoolId}`).set('authorization', auth[who]);
      return (version === undefined ? req : req.set('if-match', version)).send(body);
    };
    const currentVersion = async () =>
      (await t.dataSource.query('SELECT version FROM schools WHERE id = $1', [w.school.id]))[0].version as number;

    it('renames the school and changes its time zone, with If-Match, audited by field name', async () => {
      const version = await currentVersion();
      const res = await patch(w.school.id, 'admin', { name: '第一中学', timezone: 'Asia/Urumqi' }, `"${version}"`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: '第一中学', timezone: 'Asia/Urumqi', version: version + 1 });
      const [entry] = (await auditOf(w.school.id)).filter((e) => e.action === 'school.update');
      expect(entry).toEqual({ action: 'school.update', changed_fields: ['name', 'timezone'], actor_id: w.admin.id });
    });

    it('takes the version from the body too', async () => {
      const version = await currentVersion();
      const res = await patch(w.school.id, 'admin', { timezone: 'Asia/Kolkata', version });
      expect(res.status).toBe(200);
      expect(res.body.version).toBe(version + 1);
    });

    it('answers a stale version with 409 and changes nothing', async () => {
      const before = await t.dataSource.query('SELECT name, version FROM schools WHERE id = $1', [w.school.id]);
      const res = await patch(w.school.id, 'admin', { name: 'stale edit' }, `"${before[0].version - 1}"`);
      expectProblem(res, 409, 'school.version_conflict');
      expect(await t.dataSource.query('SELECT name, version FROM schools WHERE id = $1', [w.school.id])).toEqual(before);
    });

    it('requires a version, and a well-formed one', async () => {
      expectProblem(await patch(w.school.id, 'admin', { name: 'x' }), 400, 'validation.invalid');
      const malformed = await patch(w.school.id, 'admin', { name: 'x' }, '3');
      expectProblem(malformed, 400, 'validation.invalid');
      expect(malformed.body.errors).toEqual([{ field: 'If-Match', message: expect.any(String) }]);
    });

    it.each(['Mars/Olympus', 'EST', '+08:00', 'asia/shanghai', ''])('refuses the time zone %p', async (timezone) => {
      const res = await patch(w.school.id, 'admin', { timezone, version: await currentVersion() });
      expectProblem(res, 400, 'validation.invalid');
      expect(res.body.errors).toEqual([{ field: 'timezone', message: expect.any(String) }]);
    });

    it.each(['UTC', 'Asia/Shanghai', 'America/Argentina/Buenos_Aires'])('accepts the time zone %p', async (timezone) => {
      const res = await patch(w.school.id, 'admin', { timezone, version: await currentVersion() });
      expect(res.status).toBe(200);
      expect(res.body.timezone).toBe(timezone);
    });

    it.each(['id', 'code', 'schoolId', 'createdBy'])('refuses %s in the body', async (field) => {
      const res = await patch(w.school.id, 'admin', { name: 'x', [field]: randomUUID(), version: await currentVersion() });
      expectProblem(res, 400, 'validation.invalid');
      expect(res.body.errors).toEqual([{ field, message: expect.any(String) }]);
    });

    it.each(['counselor', 'teacher', 'duty'] as const)('is forbidden to a %s', async (who) => {
      expectProblem(await patch(w.school.id, who, { name: 'x' }, '"1"'), 403, 'auth.forbidden');
    });

    it("answers 404 for another school's id, and leaves it alone", async () => {
      const res = await patch(w.otherSchool.id, 'admin', { name: 'taken over' }, '"1"');
      expectProblem(res, 404, 'school.not_found');
      const [other] = await t.dataSource.query('SELECT name FROM schools WHERE id = $1', [w.otherSchool.id]);
      expect(other.name).not.toBe('taken over');
    });
  });

  describe('grades', () => {
    const createGradeAs = (who: keyof typeof auth, body: object) => t.http.post('/api/v1/grades').set('authorization', auth[who]).send(body);

    it('creates a grade: 201, Location, audited', async () => {
      const res = await createGradeAs('admin', { name: '高二', sortOrder: 20 });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        name: '高二',
        sortOrder: 20,
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(res.headers.location).toBe(`/api/v1/grades/${res.body.id}`);
      const fetched = await t.http.get(res.headers.location).set('authorization', auth.counselor);
      expect(fetched.body).toEqual(res.body);
      expect(await auditOf(res.body.id)).toEqual([{ action: 'grade.create', changed_fields: ['name', 'sortOrder'], actor_id: w.admin.id }]);
    });

    it('refuses a second grade of the same name in the school, but not in another school', async () => {
      expect((await createGradeAs('admin', { name: '高三' })).status).toBe(201);
      expectProblem(await createGradeAs('admin', { name: '高三' }), 409, 'grade.duplicate_name');
      expect((await createGradeAs('otherAdmin', { name: '高三' })).status).toBe(201);
    });

    it.each(['id', 'schoolId', 'createdBy', 'version'])('refuses %s in a new grade', async (field) => {
      const res = await createGradeAs('admin', { name: `g-${field}`, [field]: field === 'version' ? 1 : randomUUID() });
      expectProblem(res, 400, 'validation.invalid');
      expect(res.body.errors).toEqual([{ field, message: expect.any(String) }]);
    });

    it.each(['counselor', 'teacher', 'duty'] as const)('forbids a %s to create one', async (who) => {
      expectProblem(await createGradeAs(who, { name: 'nope' }), 403, 'auth.forbidden');
    });

    it("lists the school's grades by sortOrder then name, a page at a time", async () => {
      const school = await createSchool(t);
      const admin = await bearer(t, await createUser(t, { schoolId: school.id, role: 'admin' }));
      for (const [name, sortOrder] of [['初三', 3], ['初一', 1], ['初二 B', 2], ['初二 A', 2], ['预备', 0]] as const) {
        expect((await t.http.post('/api/v1/grades').set('authorization', admin).send({ name, sortOrder })).status).toBe(201);
      }
      const names: string[] = [];
      let cursor: string | null = null;
      do {
        const res: Response = await t.http.get('/api/v1/grades').query({ limit: 2, ...(cursor ? { cursor } : {}) }).set('authorization', admin);
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        names.push(...res.body.items.map((g: { name: string }) => g.name));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(names).toEqual(['预备', '初一', '初二 A', '初二 B', '初三']);
    });

    it.each(['admin', 'counselor', 'teacher'] as const)('lets a %s read grades', async (who) => {
      expect((await t.http.get('/api/v1/grades').set('authorization', auth[who])).status).toBe(200);
    });

    it('forbids a duty officer to read grades', async () => {
      expectProblem(await t.http.get('/api/v1/grades').set('authorization', auth.duty), 403, 'auth.forbidden');
    });

    it("answers another school's grade exactly like a missing one", async () => {
      const otherGrade = await createGrade(t, w.otherSchool.id);
      const other = await t.http.get(`/api/v1/grades/${otherGrade.id}`).set('authorization', auth.admin);
      const missing = await t.http.get(`/api/v1/grades/${randomUUID()}`).set('authorization', auth.admin);
      expectProblem(other, 404, 'grade.not_found');
      expect(other.body).toEqual(missing.body);
      const patched = await t.http.patch(`/api/v1/grades/${otherGrade.id}`).set('authorization', auth.admin).send({ name: 'x', version: 1 });
      expect(patched.body).toEqual(missing.body);
    });

    describe('PATCH /grades/{gradeId}', () => {
      it('renames and reorders with the version, audited', async () => {
        const grade = await createGrade(t, w.school.id);
        const res = await t.http
          .patch(`/api/v1/grades/${grade.id}`)
          .set('authorization', auth.admin)
          .set('if-match', '"1"')
          .send({ name: '预科', sortOrder: 5 });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ id: grade.id, name: '预科', sortOrder: 5, version: 2 });
        expect((await auditOf(grade.id)).map((e) => [e.action, e.changed_fields])).toEqual([['grade.update', ['name', 'sortOrder']]]);
      });

      it('answers a stale version with 409 and changes nothing', async () => {
        const grade = await createGrade(t, w.school.id);
        const ok = await t.http.patch(`/api/v1/grades/${grade.id}`).set('authorization', auth.admin).send({ sortOrder: 7, version: 1 });
        expect(ok.status).toBe(200);
        const stale = await t.http.patch(`/api/v1/grades/${grade.id}`).set('authorization', auth.admin).send({ sortOrder: 9, version: 1 });
        expectProblem(stale, 409, 'grade.version_conflict');
        const [row] = await t.dataSource.query('SELECT sort_order, version FROM grades WHERE id = $1', [grade.id]);
        expect(row).toEqual({ sort_order: 7, version: 2 });
      });

      it("refuses another grade's name", async () => {
        const grade = await createGrade(t, w.school.id);
        await createGrade(t, w.school.id, '已有的年级');
        const res = await t.http.patch(`/api/v1/grades/${grade.id}`).set('authorization', auth.admin).send({ name: '已有的年级', version: 1 });
        expectProblem(res, 409, 'grade.duplicate_name');
      });

      it('refuses null for a required field', async () => {
        const res = await t.http.patch(`/api/v1/grades/${w.grade.id}`).set('authorization', auth.admin).send({ name: null, version: 1 });
        expectProblem(res, 400, 'validation.invalid');
        expect(res.body.errors[0].field).toBe('name');
      });

      it.each(['counselor', 'teacher'] as const)('is forbidden to a %s', async (who) => {
        const res = await t.http.patch(`/api/v1/grades/${w.grade.id}`).set('authorization', auth[who]).send({ name: 'x', version: 1 });
        expectProblem(res, 403, 'auth.forbidden');
      });
    });
  });
});
