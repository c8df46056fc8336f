import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld, createUser } from '../support/factories.js';
import { auditActions, SYSTEM_TOPIC_CODES } from './education-helpers.js';

describe('education topics', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  const as = async (user: { id: string }) => ({ authorization: await bearer(t, user) });

  beforeAll(async () => {
    t = await createTestApp();
    w = await createSchoolWorld(t);
  });
  afterAll(async () => t.close());

  it('lists the eight system topics, required before holidays, to every staff role that plans or teaches', async () => {
    for (const user of [w.admin, w.counselor, w.teacher]) {
      const res = await t.http.get('/api/v1/education/topics').set(await as(user));
      expect(res.status).toBe(200);
      const system = res.body.items.filter((topic: { system: boolean }) => topic.system);
      expect(system.map((topic: { code: string }) => topic.code)).toEqual(SYSTEM_TOPIC_CODES);
      expect(system.every((topic: { requiredBeforeHoliday: boolean }) => topic.requiredBeforeHoliday)).toBe(true);
    }
    expect((await t.http.get('/api/v1/education/topics').set(await as(w.duty))).status).toBe(403);
  });

  it('lets an administrator add a school topic (201 + Location), seen by that school only', async () => {
    const res = await t.http
      .post('/api/v1/education/topics')
      .set(await as(w.admin))
      .send({ code: 'campus_safety', nameZh: '校园安全', nameEn: 'Campus safety', requiredBeforeHoliday: true });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/education/topics/${res.body.id}`);
    expect(res.body).toMatchObject({ code: 'campus_safety', system: false, active: true, sortOrder: 100, version: 1 });
    expect((await t.http.get(res.headers.location).set(await as(w.teacher))).status).toBe(200);
    const other = await t.http.get(res.headers.location).set(await as(w.otherAdmin));
    const missing = await t.http.get(`/api/v1/education/topics/${randomUUID()}`).set(await as(w.otherAdmin));
    expect(other.status).toBe(404);
    expect(other.body).toEqual(missing.body);
    expect(await auditActions(t, res.body.id)).toEqual(['education_topic.create']);
  });

  it('refuses a code the school already sees, its own or a system one, with 409', async () => {
    const body = { code: 'lab_safety', nameZh: '实验室安全', nameEn: 'Lab safety' };
    expect((await t.http.post('/api/v1/education/topics').set(await as(w.admin)).send(body)).status).toBe(201);
    const again = await t.http.post('/api/v1/education/topics').set(await as(w.admin)).send(body);
    const system = await t.http.post('/api/v1/education/topics').set(await as(w.admin)).send({ ...body, code: 'drowning' });
    expect([again.status, again.body.code, system.status, system.body.code]).toEqual([409, 'education_topic.duplicate_code', 409, 'education_topic.duplicate_code']);
    // Another school may use the same code.
    expect((await t.http.post('/api/v1/education/topics').set(await as(w.otherAdmin)).send(body)).status).toBe(201);
  });

  it('validates the body: code shape, unknown fields', async () => {
    const bad = await t.http.post('/api/v1/education/topics').set(await as(w.admin)).send({ code: 'Bad Code', nameZh: 'x', nameEn: 'x', schoolId: randomUUID() });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['code', 'schoolId']);
  });

  it('edits a school topic on its version (stale -> 409) and keeps system topics read-only', async () => {
    const lead = await createUser(t, { schoolId: w.school.id, role: 'counseling_lead' });
    const created = (await t.http.post('/api/v1/education/topics').set(await as(lead)).send({ code: 'exam_stress', nameZh: '考试压力', nameEn: 'Exam stress' })).body;
    const edited = await t.http
      .patch(`/api/v1/education/topics/${created.id}`)
      .set(await as(w.admin))
      .set('if-match', '"1"')
      .send({ requiredBeforeHoliday: true, sortOrder: 90 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ requiredBeforeHoliday: true, sortOrder: 90, version: 2 });
    const stale = await t.http.patch(`/api/v1/education/topics/${created.id}`).set(await as(w.admin)).send({ active: false, version: 1 });
    expect([stale.status, stale.body.code]).toEqual([409, 'education_topic.version_conflict']);
    const noVersion = await t.http.patch(`/api/v1/education/topics/${created.id}`).set(await as(w.admin)).send({ active: false });
    expect(noVersion.status).toBe(400);

    const fire = (await t.http.get('/api/v1/education/topics').set(await as(w.admin))).body.items.find((x: { code: string }) => x.code === 'fire_safety');
    const system = await t.http.patch(`/api/v1/education/topics/${fire.id}`).set(await as(w.admin)).send({ nameZh: '防火', version: 1 });
    expect([system.status, system.body.code]).toEqual([409, 'education_topic.system_topic']);
    expect(await auditActions(t, created.id)).toEqual(['education_topic.create', 'education_topic.update']);
  });

  it('lets neither counselors nor class teachers manage topics', async () => {
    const body = { code: 'x_topic', nameZh: 'x', nameEn: 'x' };
    expect((await t.http.post('/api/v1/education/topics').set(await as(w.counselor)).send(body)).status).toBe(403);
    expect((await t.http.post('/api/v1/education/topics').set(await as(w.teacher)).send(body)).status).toBe(403);
  });

  it('pages through the topics in their order', async () => {
    const first = await t.http.get('/api/v1/education/topics').query({ limit: 5 }).set(await as(w.admin));
    const second = await t.http.get('/api/v1/education/topics').query({ limit: 200, cursor: first.body.nextCursor }).set(await as(w.admin));
    const all = await t.http.get('/api/v1/education/topics').query({ limit: 200 }).set(await as(w.admin));
    expect([...first.body.items, ...second.body.items].map((x: { id: string }) => x.id)).toEqual(all.body.items.map((x: { id: string }) => x.id));
    expect(second.body.nextCursor).toBeNull();
    expect((await t.http.get('/api/v1/education/topics').query({ cursor: 'nonsense' }).set(await as(w.admin))).status).toBe(400);
  });
});
