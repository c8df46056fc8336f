import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld } from '../support/factories.js';

const OBSERVATION = '最近一周上课常趴在桌上，午饭也不吃，说“活着没意思”';

describe('concern flags', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createSchoolWorld(t);
  });
  afterAll(async () => t.close());

  const flag = async (user: { id: string }, overrides: Record<string, unknown> = {}) =>
    t.http
      .post('/api/v1/concern-flags')
      .set('authorization', await bearer(t, user))
      .send({
        studentId: w.studentA.id,
        category: 'low_mood_or_withdrawal',
        severity: 'medium',
        observedAt: new Date(Date.now() - 3600_000).toISOString(),
        observation: OBSERVATION,
        ...overrides,
      });
  const as = async (user: { id: string }) => ({ authorization: await bearer(t, user) });

  it('lets a class teacher flag a student of their class, and shows them only the status', async () => {
    const res = await flag(w.teacher);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/concern-flags/${res.body.id}`);
    expect(res.body).toEqual({
      id: expect.any(String),
      studentId: w.studentA.id,
      studentName: expect.any(String),
      category: 'low_mood_or_withdrawal',
      severity: 'medium',
      observedAt: expect.any(String),
      observation: OBSERVATION,
      status: 'received',
      createdAt: expect.any(String),
    });
    const [stored] = await t.dataSource.query('SELECT observation FROM concern_flags WHERE id = $1', [res.body.id]);
    expect(stored.observation).not.toContain('活着');
  });

  it('answers 404 when a teacher flags a student of another class or school, like a missing student', async () => {
    const otherClass = await flag(w.teacher, { studentId: w.studentB.id });
    const otherSchool = await flag(w.teacher, { studentId: w.otherStudent.id });
    const missing = await flag(w.teacher, { studentId: randomUUID() });
    expect([otherClass.status, otherSchool.status, missing.status]).toEqual([404, 404, 404]);
    expect(otherClass.body).toEqual(missing.body);
    expect(otherSchool.body).toEqual(missing.body);
  });

  it.each([
    [{ category: 'sadness' }, 'category'],
    [{ severity: 'extreme' }, 'severity'],
    [{ observation: '' }, 'observation'],
    [{ observedAt: 'yesterday' }, 'observedAt'],
    [{ observedAt: new Date(Date.now() + 86_400_000).toISOString() }, 'observedAt'],
    [{ schoolId: randomUUID() }, 'schoolId'],
    [{ status: 'closed' }, 'status'],
  ])('rejects %p with 400 naming %s, storing nothing', async (overrides, field) => {
    const before = (await t.dataSource.query('SELECT count(*)::int AS n FROM concern_flags'))[0].n;
    const res = await flag(w.teacher, overrides);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM concern_flags'))[0].n).toBe(before);
  });

  it('raises exactly one alert for an urgent flag, in the same transaction, and links it', async () => {
    const res = await flag(w.teacher, { severity: 'urgent', category: 'self_harm_or_suicide_talk' });
    const alerts = await t.dataSource.query(`SELECT id, severity, source_id FROM alerts WHERE source_type = 'concern_flag' AND source_id = $1`, [res.body.id]);
    expect(alerts).toEqual([{ id: expect.any(String), severity: 'critical', source_id: res.body.id }]);
    const detail = await t.http.get(`/api/v1/concern-flags/${res.body.id}`).set(await as(w.counselor));
    expect(detail.body.alertId).toBe(alerts[0].id);
    const low = await flag(w.teacher, { severity: 'low' });
    const none = await t.dataSource.query(`SELECT 1 FROM alerts WHERE source_id = $1`, [low.body.id]);
    expect(none).toEqual([]);
  });

  it('lets counselors triage with versions; the teacher sees the status move and nothing of the reason', async () => {
    const raised = (await flag(w.teacher)).body;
    const counselor = await as(w.counselor);
    const read = await t.http.get(`/api/v1/concern-flags/${raised.id}`).set(counselor);
    expect(read.body).toMatchObject({ observation: OBSERVATION, status: 'new', allowedDecisions: ['review', 'monitor', 'open_case', 'dismiss'], version: 1 });

    const review = await t.http.post(`/api/v1/concern-flags/${raised.id}/triage`).set(counselor).send({ decision: 'review', version: 1 });
    expect(review.body.status).toBe('under_review');
    const stale = await t.http.post(`/api/v1/concern-flags/${raised.id}/triage`).set(counselor).send({ decision: 'monitor', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('concern_flag.version_conflict');

    const noReason = await t.http.post(`/api/v1/concern-flags/${raised.id}/triage`).set(counselor).send({ decision: 'dismiss', version: 2 });
    expect(noReason.status).toBe(400);
    const dismissed = await t.http
      .post(`/api/v1/concern-flags/${raised.id}/triage`)
      .set(counselor)
      .send({ decision: 'dismiss', version: 2, reason: '与班主任核实后为误会，学生状态正常' });
    expect(dismissed.body).toMatchObject({ status: 'dismissed', triageReason: '与班主任核实后为误会，学生状态正常' });

    const illegal = await t.http.post(`/api/v1/concern-flags/${raised.id}/triage`).set(counselor).send({ decision: 'monitor', version: 3 });
    expect(illegal.status).toBe(409);
    expect(illegal.body).toMatchObject({ code: 'concern_flag.illegal_transition', allowed: [] });

    const teacherView = await t.http.get(`/api/v1/concern-flags/${raised.id}`).set(await as(w.teacher));
    expect(teacherView.body.status).toBe('closed');
    expect(JSON.stringify(teacherView.body)).not.toMatch(/误会|triage|dismiss|alert/i);
  });

  it('shows a teacher only the flags they raised; class teachers cannot triage', async () => {
    const mine = (await flag(w.teacher)).body;
    const theirs = (await flag(w.teacher2, { studentId: w.studentB.id })).body;
    const list = await t.http.get('/api/v1/concern-flags').query({ limit: 200 }).set(await as(w.teacher));
    const ids = list.body.items.map((f: { id: string }) => f.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect((await t.http.get(`/api/v1/concern-flags/${theirs.id}`).set(await as(w.teacher))).status).toBe(404);
    expect((await t.http.post(`/api/v1/concern-flags/${mine.id}/triage`).set(await as(w.teacher)).send({ decision: 'review', version: 1 })).status).toBe(403);
  });

  it('lists flags for counselors newest first, filtered, and never another school\'s', async () => {
    const counselor = await as(w.counselor);
    const all = await t.http.get('/api/v1/concern-flags').query({ limit: 200 }).set(counselor);
    const created = all.body.items.map((f: { createdAt: string }) => f.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    expect(all.body.items.every((f: { observation?: string }) => f.observation === undefined)).toBe(true);
    const urgent = await t.http.get('/api/v1/concern-flags').query({ severity: 'urgent' }).set(counselor);
    expect(urgent.body.items.every((f: { severity: string }) => f.severity === 'urgent')).toBe(true);
    expect((await t.http.get('/api/v1/concern-flags').set(await as(w.otherCounselor))).body.items).toEqual([]);
    const page = await t.http.get('/api/v1/concern-flags').query({ limit: 2 }).set(counselor);
    const next = await t.http.get('/api/v1/concern-flags').query({ limit: 2, cursor: page.body.nextCursor }).set(counselor);
    expect(next.body.items[0].id).not.toBe(page.body.items[0].id);
    expect(next.body.items[0].createdAt <= page.body.items[1].createdAt).toBe(true);
  });

  it('audits counselor reads of a flag', async () => {
    const raised = (await flag(w.teacher)).body;
    await t.http.get(`/api/v1/concern-flags/${raised.id}`).set(await as(w.counselor));
    const events = await t.dataSource.query(`SELECT action, student_id FROM audit_events WHERE entity_id = $1 ORDER BY seq`, [raised.id]);
    expect(events).toEqual([
      { action: 'concern_flag.raise', student_id: w.studentA.id },
      { action: 'concern_flag.read', student_id: w.studentA.id },
    ]);
  });
});
