import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { assignClassTeacher, bearer, createClass, createGrade, createSchool, createSchoolWorld, createUser } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

type World = Awaited<ReturnType<typeof createSchoolWorld>>;
type ClassItem = { id: string; name: string; gradeName: string; teachers: { userId: string; displayName: string }[] };

describe('classes', () => {
  let t: TestApp;
  let w: World;
  const auth: Record<'admin' | 'counselor' | 'teacher' | 'teacher2' | 'duty' | 'otherAdmin', string> = {} as never;

  const list = async (who: keyof typeof auth, query: Record<string, unknown> = {}) =>
    t.http.get('/api/v1/classes').query(query).set('authorization', auth[who]);
  const ids = (res: { body: { items: ClassItem[] } }) => res.body.items.map((c) => c.id).sort();

  beforeAll(async () => {
    t = await createTestApp();
    w = await createSchoolWorld(t);
    for (const who of ['admin', 'counselor', 'teacher', 'teacher2', 'duty', 'otherAdmin'] as const) auth[who] = await bearer(t, w[who]);
  });
  afterAll(async () => t.close());

  describe('GET /classes', () => {
    it.each(['admin', 'counselor'] as const)('shows a %s every class of the school, with grade and current teachers', async (who) => {
      const res = await list(who);
      expect(res.status).toBe(200);
      expect(ids(res)).toEqual([w.classA.id, w.classB.id].sort());
      const classA = res.body.items.find((c: ClassItem) => c.id === w.classA.id);
      expect(classA).toEqual({
        id: w.classA.id,
        gradeId: w.grade.id,
        gradeName: expect.any(String),
        name: expect.any(String),
        teachers: [{ userId: w.teacher.id, displayName: w.teacher.username }],
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(res.body.nextCursor).toBeNull();
    });

    it('shows the head of counseling every class too', async () => {
      const lead = await createUser(t, { schoolId: w.school.id, role: 'counseling_lead' });
      const res = await t.http.get('/api/v1/classes').set('authorization', await bearer(t, lead));
      expect(ids(res)).toEqual([w.classA.id, w.classB.id].sort());
    });

    it('shows a class teacher only the classes they teach now', async () => {
      expect(ids(await list('teacher'))).toEqual([w.classA.id]);
      expect(ids(await list('teacher2'))).toEqual([w.classB.id]);
    });

    it('forbids a duty officer', async () => {
      expectProblem(await list('duty'), 403, 'auth.forbidden');
    });

    it('filters by grade, a repeated gradeId meaning any of', async () => {
      const grade2 = await createGrade(t, w.school.id);
      const grade3 = await createGrade(t, w.school.id);
      const class2 = await createClass(t, w.school.id, grade2.id);
      const class3 = await createClass(t, w.school.id, grade3.id);
      expect(ids(await list('admin', { gradeId: grade2.id }))).toEqual([class2.id]);
      const both = await t.http.get(`/api/v1/classes?gradeId=${grade2.id}&gradeId=${grade3.id}`).set('authorization', auth.admin);
      expect(ids(both)).toEqual([class2.id, class3.id].sort());
      expect(ids(await list('admin', { gradeId: w.otherClass.gradeId }))).toEqual([]);
      const invalid = await list('admin', { gradeId: 'not-a-uuid' });
      expectProblem(invalid, 400, 'validation.invalid');
      expect(invalid.body.errors).toEqual([{ field: 'gradeId', message: expect.any(String) }]);
    });

    it('pages through classes by grade order, then class name, each class once', async () => {
      const school = await createSchool(t);
      const admin = await createUser(t, { schoolId: school.id, role: 'admin' });
      const teachers = await Promise.all([1, 2].map(() => createUser(t, { schoolId: school.id, role: 'class_teacher' })));
      const later = await t.dataSource.query(`INSERT INTO grades (school_id, name, sort_order) VALUES ($1, '高二', 2) RETURNING id`, [school.id]);
      const first = await t.dataSource.query(`INSERT INTO grades (school_id, name, sort_order) VALUES ($1, '高一', 1) RETURNING id`, [school.id]);
      const expected: string[] = [];
      for (const [grade, gradeName] of [[first[0].id, '高一'], [later[0].id, '高二']]) {
        for (const name of ['1班', '2班', '3班']) {
          const created = await createClass(t, school.id, grade, name);
          for (const teacher of teachers) await assignClassTeacher(t, { schoolId: school.id, classId: created.id, userId: teacher.id });
          expected.push(`${gradeName} ${name}`);
        }
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: Response = await t.http
          .get('/api/v1/classes')
          .query({ limit: 4, ...(cursor ? { cursor } : {}) })
          .set('authorization', await bearer(t, admin));
        expect(res.status).toBe(200);
        for (const c of res.body.items as ClassItem[]) {
          seen.push(`${c.gradeName} ${c.name}`);
          expect(c.teachers.map((x) => x.userId).sort()).toEqual(teachers.map((x) => x.id).sort());
        }
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(expected);
    });

    it('rejects a forged cursor with 400', async () => {
      expectProblem(await list('admin', { cursor: 'garbage' }), 400, 'pagination.invalid_cursor');
    });
  });

  describe('GET /classes/{classId}', () => {
    it('shows a class to its teacher and to counselors', async () => {
      for (const who of ['teacher', 'counselor'] as const) {
        const res = await t.http.get(`/api/v1/classes/${w.classA.id}`).set('authorization', auth[who]);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ id: w.classA.id, teachers: [{ userId: w.teacher.id }] });
      }
    });

    it('answers a class out of scope exactly like a missing one', async () => {
      const missing = await t.http.get(`/api/v1/classes/${randomUUID()}`).set('authorization', auth.teacher);
      const notTaught = await t.http.get(`/api/v1/classes/${w.classB.id}`).set('authorization', auth.teacher);
      const otherSchool = await t.http.get(`/api/v1/classes/${w.otherClass.id}`).set('authorization', auth.admin);
      expectProblem(missing, 404, 'class.not_found');
      expect(notTaught.body).toEqual(missing.body);
      expect(otherSchool.body).toEqual(missing.body);
      expect(notTaught.headers['content-length']).toBe(missing.headers['content-length']);
    });

    it('rejects a malformed id with 400', async () => {
      expectProblem(await t.http.get('/api/v1/classes/123').set('authorization', auth.admin), 400, 'validation.invalid');
    });
  });

  describe('POST /classes', () => {
    const create = (who: keyof typeof auth, body: object) => t.http.post('/api/v1/classes').set('authorization', auth[who]).send(body);

    it('creates a class: 201, Location, audited', async () => {
      const res = await create('admin', { gradeId: w.grade.id, name: '新1班' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        gradeId: w.grade.id,
        gradeName: expect.any(String),
        name: '新1班',
        teachers: [],
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(res.headers.location).toBe(`/api/v1/classes/${res.body.id}`);
      expect((await t.http.get(res.headers.location).set('authorization', auth.counselor)).body).toEqual(res.body);
      const audit = await t.dataSource.query('SELECT action, entity_type, changed_fields FROM audit_events WHERE entity_id = $1', [res.body.id]);
      expect(audit).toEqual([{ action: 'class.create', entity_type: 'class', changed_fields: ['gradeId', 'name'] }]);
    });

    it('refuses a duplicate name within the grade, not within another grade', async () => {
      const otherGrade = await createGrade(t, w.school.id);
      expect((await create('admin', { gradeId: w.grade.id, name: '重名班' })).status).toBe(201);
      expectProblem(await create('admin', { gradeId: w.grade.id, name: '重名班' }), 409, 'class.duplicate_name');
      expect((await create('admin', { gradeId: otherGrade.id, name: '重名班' })).status).toBe(201);
    });

    it.each([
      ['of another school', () => w.otherClass.gradeId],
      ['that does not exist', () => randomUUID()],
    ])('refuses a grade %s with 400 naming gradeId', async (_case, gradeId) => {
      const res = await create('admin', { gradeId: gradeId(), name: '无效班' });
      expectProblem(res, 400, 'validation.invalid');
      expect(res.body.errors).toEqual([{ field: 'gradeId', message: 'is not a grade of this school' }]);
    });

    it.each(['id', 'schoolId', 'createdBy'])('refuses %s in the body', async (field) => {
      const res = await create('admin', { gradeId: w.grade.id, name: `mass-${field}`, [field]: randomUUID() });
      expectProblem(res, 400, 'validation.invalid');
      expect(res.body.errors).toEqual([{ field, message: expect.any(String) }]);
    });

    it.each(['counselor', 'teacher', 'duty'] as const)('is forbidden to a %s', async (who) => {
      expectProblem(await create(who, { gradeId: w.grade.id, name: 'x' }), 403, 'auth.forbidden');
    });
  });

  describe('PATCH /classes/{classId}', () => {
    const patch = (classId: string, body: object, who: keyof typeof auth = 'admin') =>
      t.http.patch(`/api/v1/classes/${classId}`).set('authorization', auth[who]).send(body);

    it('renames a class and moves it to another grade, audited', async () => {
      const created = await createClass(t, w.school.id, w.grade.id);
      const nextGrade = await createGrade(t, w.school.id, '高二 (PATCH)');
      const res = await t.http
        .patch(`/api/v1/classes/${created.id}`)
        .set('authorization', auth.admin)
        .set('if-match', '"1"')
        .send({ name: '改名班', gradeId: nextGrade.id });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: created.id, name: '改名班', gradeId: nextGrade.id, gradeName: '高二 (PATCH)', version: 2, teachers: [] });
      const audit = await t.dataSource.query('SELECT action, changed_fields FROM audit_events WHERE entity_id = $1', [created.id]);
      expect(audit).toEqual([{ action: 'class.update', changed_fields: ['gradeId', 'name'] }]);
    });

    it('answers a stale version with 409 and changes nothing', async () => {
      const created = await createClass(t, w.school.id, w.grade.id, '版本班');
      expect((await patch(created.id, { name: '版本班 2', version: 1 })).status).toBe(200);
      expectProblem(await patch(created.id, { name: '版本班 3', version: 1 }), 409, 'class.version_conflict');
      const [row] = await t.dataSource.query('SELECT name, version FROM classes WHERE id = $1', [created.id]);
      expect(row).toEqual({ name: '版本班 2', version: 2 });
    });

    it("refuses another class's name in the grade, and another school's grade", async () => {
      const created = await createClass(t, w.school.id, w.grade.id);
      await createClass(t, w.school.id, w.grade.id, '占用的名字');
      expectProblem(await patch(created.id, { name: '占用的名字', version: 1 }), 409, 'class.duplicate_name');
      const res = await patch(created.id, { gradeId: w.otherClass.gradeId, version: 1 });
      expectProblem(res, 400, 'validation.invalid');
      expect(res.body.errors).toEqual([{ field: 'gradeId', message: 'is not a grade of this school' }]);
      const [row] = await t.dataSource.query('SELECT grade_id, version FROM classes WHERE id = $1', [created.id]);
      expect(row).toEqual({ grade_id: w.grade.id, version: 1 });
    });

    it("answers another school's class exactly like a missing one", async () => {
      const other = await patch(w.otherClass.id, { name: 'x', version: 1 });
      const missing = await patch(randomUUID(), { name: 'x', version: 1 });
      expectProblem(other, 404, 'class.not_found');
      expect(other.body).toEqual(missing.body);
    });

    it.each(['schoolId', 'id'])('refuses %s in the body', async (field) => {
      const res = await patch(w.classA.id, { [field]: randomUUID(), version: 1 });
      expectProblem(res, 400, 'validation.invalid');
      expect(res.body.errors).toEqual([{ field, message: expect.any(String) }]);
    });

    it.each(['counselor', 'teacher'] as const)('is forbidden to a %s, even for their own class', async (who) => {
      expectProblem(await patch(w.classA.id, { name: 'x', version: 1 }, who), 403, 'auth.forbidden');
    });
  });
});
