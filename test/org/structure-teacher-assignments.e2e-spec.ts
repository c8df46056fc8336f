import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createClass, createSchoolWorld, createUser, type TestUser } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

type World = Awaited<ReturnType<typeof createSchoolWorld>>;
type Assignment = { id: string; userId: string; endedAt: string | null };

describe('class-teacher assignments', () => {
  let t: TestApp;
  let w: World;
  let admin: string;
  // Each assignment starts a second after the previous one, so "newest first" never ties.
  const clock = new ManualClock();

  const path = (classId: string) => `/api/v1/classes/${classId}/teacher-assignments`;
  const assign = (classId: string, body: object, authorization = admin) => {
    clock.advance(1000);
    return t.http.post(path(classId)).set('authorization', authorization).send(body);
  };
  const end = (classId: string, assignmentId: string, authorization = admin) =>
    t.http.post(`${path(classId)}/${assignmentId}/end`).set('authorization', authorization);
  const history = async (classId: string, authorization = admin) => t.http.get(path(classId)).set('authorization', authorization);
  const newTeacher = (values: { active?: boolean } = {}) => createUser(t, { schoolId: w.school.id, role: 'class_teacher', ...values });
  const newClass = () => createClass(t, w.school.id, w.grade.id);
  const auditActions = (entityIds: string[]) =>
    t.dataSource.query<{ action: string; entity_id: string; changed_fields: string[] }[]>(
      'SELECT action, entity_id, changed_fields FROM audit_events WHERE entity_id = ANY($1::uuid[]) ORDER BY seq',
      [entityIds],
    );

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    admin = await bearer(t, w.admin);
  });
  afterAll(async () => t.close());

  it('assigns a class teacher: 201, Location, audited, and the class lists them', async () => {
    const schoolClass = await newClass();
    const teacher = await newTeacher();
    const res = await assign(schoolClass.id, { userId: teacher.id });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      classId: schoolClass.id,
      userId: teacher.id,
      displayName: teacher.username,
      startedAt: expect.any(String),
      endedAt: null,
      assignedBy: w.admin.id,
    });
    expect(res.headers.location).toBe(`${path(schoolClass.id)}/${res.body.id}`);
    expect((await t.http.get(res.headers.location).set('authorization', admin)).body).toEqual(res.body);
    const shown = await t.http.get(`/api/v1/classes/${schoolClass.id}`).set('authorization', admin);
    expect(shown.body.teachers).toEqual([{ userId: teacher.id, displayName: teacher.username }]);
    expect(await auditActions([res.body.id])).toEqual([
      { action: 'class_assignment.create', entity_id: res.body.id, changed_fields: ['classId', 'startedAt', 'userId'] },
    ]);
  });

  it('refuses to assign a teacher who already teaches the class', async () => {
    const schoolClass = await newClass();
    const teacher = await newTeacher();
    expect((await assign(schoolClass.id, { userId: teacher.id })).status).toBe(201);
    expectProblem(await assign(schoolClass.id, { userId: teacher.id }), 409, 'class_assignment.already_current');
  });

  it.each<[string, () => Promise<{ id: string }>]>([
    ['a counselor', async () => w.counselor],
    ['an inactive class teacher', () => newTeacher({ active: false })],
    ["another school's class teacher", () => createUser(t, { schoolId: w.otherSchool.id, role: 'class_teacher' })],
    ['nobody', async () => ({ id: randomUUID() })],
  ])('refuses to assign %s with 400 naming userId', async (_case, who) => {
    const res = await assign(w.classA.id, { userId: (await who()).id });
    expectProblem(res, 400, 'validation.invalid');
    expect(res.body.errors).toEqual([{ field: 'userId', message: 'is not an active class teacher of this school' }]);
  });

  it('replaces the current teachers in one step when asked, keeping the history', async () => {
    const schoolClass = await newClass();
    const [first, second, third] = await Promise.all([newTeacher(), newTeacher(), newTeacher()]);
    const a1 = (await assign(schoolClass.id, { userId: first.id })).body as Assignment;
    const a2 = (await assign(schoolClass.id, { userId: second.id })).body as Assignment;
    const a3 = await assign(schoolClass.id, { userId: third.id, replaceCurrent: true });
    expect(a3.status).toBe(201);

    const res = await history(schoolClass.id);
    expect(res.status).toBe(200);
    const items = res.body.items as Assignment[];
    expect(items.map((a) => a.id)).toEqual([a3.body.id, a2.id, a1.id]);
    expect(items.map((a) => a.endedAt === null)).toEqual([true, false, false]);
    expect(res.body.nextCursor).toBeNull();
    const trail = (await auditActions([a1.id, a2.id, a3.body.id])).map((e) => `${e.action} ${e.entity_id}`);
    expect(trail.slice(0, 2)).toEqual([`class_assignment.create ${a1.id}`, `class_assignment.create ${a2.id}`]);
    // Both ends are recorded in the replacing transaction, before its create; their order is free.
    expect(trail.slice(2, 4).sort()).toEqual([`class_assignment.end ${a1.id}`, `class_assignment.end ${a2.id}`].sort());
    expect(trail.slice(4)).toEqual([`class_assignment.create ${a3.body.id}`]);
  });

  it('ends nothing when replacing with a teacher who is already current', async () => {
    const schoolClass = await newClass();
    const [first, second] = await Promise.all([newTeacher(), newTeacher()]);
    await assign(schoolClass.id, { userId: first.id });
    await assign(schoolClass.id, { userId: second.id });
    expectProblem(await assign(schoolClass.id, { userId: second.id, replaceCurrent: true }), 409, 'class_assignment.already_current');
    const items = (await history(schoolClass.id)).body.items as Assignment[];
    expect(items.every((a) => a.endedAt === null)).toBe(true);
  });

  it('pages through the history, newest first', async () => {
    const schoolClass = await newClass();
    const teacher = await newTeacher();
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const created = await assign(schoolClass.id, { userId: teacher.id });
      made.unshift(created.body.id);
      expect((await end(schoolClass.id, created.body.id)).status).toBe(200);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: Response = await t.http.get(path(schoolClass.id)).query({ limit: 2, ...(cursor ? { cursor } : {}) }).set('authorization', admin);
      seen.push(...res.body.items.map((a: Assignment) => a.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(made);
  });

  it('ends an assignment once: 200 with endedAt, then 409; audited', async () => {
    const schoolClass = await newClass();
    const teacher = await newTeacher();
    const created = (await assign(schoolClass.id, { userId: teacher.id })).body as Assignment;
    const ended = await end(schoolClass.id, created.id);
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ id: created.id, endedAt: expect.any(String) });
    expectProblem(await end(schoolClass.id, created.id), 409, 'class_assignment.already_ended');
    expect((await auditActions([created.id])).map((e) => [e.action, e.changed_fields])).toEqual([
      ['class_assignment.create', ['classId', 'startedAt', 'userId']],
      ['class_assignment.end', ['endedAt']],
    ]);
  });

  it("answers 404 for an assignment of another class, and for another school's class", async () => {
    const [row] = await t.dataSource.query('SELECT id FROM class_teacher_assignments WHERE class_id = $1', [w.classB.id]);
    expectProblem(await end(w.classA.id, row.id), 404, 'class_assignment.not_found');
    expectProblem(await end(w.classA.id, randomUUID()), 404, 'class_assignment.not_found');
    const otherTeacher = await createUser(t, { schoolId: w.otherSchool.id, role: 'class_teacher' });
    const foreign = await assign(w.otherClass.id, { userId: otherTeacher.id });
    const missing = await assign(randomUUID(), { userId: otherTeacher.id });
    expectProblem(foreign, 404, 'class.not_found');
    expect(foreign.body).toEqual(missing.body);
  });

  it.each(['id', 'schoolId', 'createdBy', 'startedAt', 'assignedBy'])('refuses %s in the body', async (field) => {
    const res = await assign(w.classA.id, { userId: w.teacher2.id, [field]: randomUUID() });
    expectProblem(res, 400, 'validation.invalid');
    expect(res.body.errors).toEqual([{ field, message: expect.any(String) }]);
  });

  describe('who may do what', () => {
    it.each(['counselor', 'teacher', 'duty'] as const)('forbids a %s to assign or end', async (who) => {
      const authorization = await bearer(t, w[who]);
      expectProblem(await assign(w.classA.id, { userId: w.teacher2.id }, authorization), 403, 'auth.forbidden');
      expectProblem(await end(w.classA.id, randomUUID(), authorization), 403, 'auth.forbidden');
    });

    it('shows the history to counselors and to the class teacher, not to other teachers or duty officers', async () => {
      expect((await history(w.classA.id, await bearer(t, w.counselor))).status).toBe(200);
      const own = await history(w.classA.id, await bearer(t, w.teacher));
      expect(own.status).toBe(200);
      expect(own.body.items.map((a: Assignment) => a.userId)).toContain(w.teacher.id);
      const notTaught = await history(w.classA.id, await bearer(t, w.teacher2));
      const missing = await history(randomUUID(), await bearer(t, w.teacher2));
      expectProblem(notTaught, 404, 'class.not_found');
      expect(notTaught.body).toEqual(missing.body);
      expectProblem(await history(w.classA.id, await bearer(t, w.duty)), 403, 'auth.forbidden');
      expectProblem(await history(w.otherClass.id), 404, 'class.not_found');
    });
  });

  describe("a class teacher's scope", () => {
    let teacher: TestUser;
    let token: string;
    let classId: string;

    beforeAll(async () => {
      teacher = await newTeacher();
      token = await bearer(t, teacher);
      classId = (await newClass()).id;
    });

    it('grows on the very next request after an assignment, and shrinks right after it ends', async () => {
      expectProblem(await t.http.get(`/api/v1/classes/${classId}`).set('authorization', token), 404, 'class.not_found');

      const assignment = (await assign(classId, { userId: teacher.id })).body as Assignment;
      expect((await t.http.get(`/api/v1/classes/${classId}`).set('authorization', token)).status).toBe(200);
      const listed = await t.http.get('/api/v1/classes').set('authorization', token);
      expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([classId]);

      expect((await end(classId, assignment.id)).status).toBe(200);
      expectProblem(await t.http.get(`/api/v1/classes/${classId}`).set('authorization', token), 404, 'class.not_found');
      expectProblem(await history(classId, token), 404, 'class.not_found');
      expect((await t.http.get('/api/v1/classes').set('authorization', token)).body.items).toEqual([]);
    });

    it('is lost as soon as a replacing teacher is assigned', async () => {
      await assign(classId, { userId: teacher.id });
      expect((await t.http.get(`/api/v1/classes/${classId}`).set('authorization', token)).status).toBe(200);
      const successor = await newTeacher();
      expect((await assign(classId, { userId: successor.id, replaceCurrent: true })).status).toBe(201);
      expectProblem(await t.http.get(`/api/v1/classes/${classId}`).set('authorization', token), 404, 'class.not_found');
      expect((await t.http.get(`/api/v1/classes/${classId}`).set('authorization', await bearer(t, successor))).status).toBe(200);
    });
  });
});
