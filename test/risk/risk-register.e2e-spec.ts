import { ManualClock } from '#core';
import { RiskRecomputeJob } from '#risk';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld, createStudent, createUser } from '../support/factories.js';

const DAY = 24 * 3600 * 1000;

describe('risk register', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  const clock = new ManualClock(new Date('2026-12-01T02:00:00Z'));

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
  });
  afterAll(async () => t.close());

  const as = async (user: { id: string }) => ({ authorization: await bearer(t, user) });
  const flag = async (studentId: string, severity: string) =>
    (
      await t.http
        .post('/api/v1/concern-flags')
        .set(await as(w.teacher))
        .send({ studentId, category: 'low_mood_or_withdrawal', severity, observedAt: clock.now().toISOString(), observation: '情绪低落，少与同学交流' })
    ).body;
  const risk = async (studentId: string, user = w.counselor) => t.http.get(`/api/v1/students/${studentId}/risk`).set(await as(user));

  it('derives a level from signals as they arrive, keeping each change with its source', async () => {
    const student = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id });
    expect((await risk(student.id)).body).toMatchObject({ level: 'none', history: [] });

    await flag(student.id, 'medium');
    expect((await risk(student.id)).body).toMatchObject({ level: 'low', derivedFrom: 'flag:medium' });

    clock.advance(60_000);
    await flag(student.id, 'urgent'); // raises a critical alert too
    const res = await risk(student.id);
    expect(res.body).toMatchObject({ level: 'critical', derivedFrom: 'alert:critical' });
    expect(res.body.history.map((h: { level: string; source: string }) => `${h.source}:${h.level}`)).toEqual(['signals:critical', 'signals:low']);
  });

  it('lets a counselor override with a reason until an expiry, then falls back to the signals', async () => {
    const student = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id });
    await flag(student.id, 'urgent');
    clock.advance(60_000);
    const assess = await t.http
      .post(`/api/v1/students/${student.id}/risk-assessments`)
      .set(await as(w.counselor))
      .send({ level: 'low', reason: '已面谈评估：误会已澄清，家长知情并配合', expiresAt: new Date(clock.now().getTime() + 7 * DAY).toISOString() });
    expect(assess.status).toBe(200);
    expect(assess.body).toMatchObject({
      level: 'low',
      derivedLevel: 'critical',
      assessment: { level: 'low', reason: '已面谈评估：误会已澄清，家长知情并配合', assessedBy: w.counselor.id },
    });
    expect(assess.body.history[0]).toMatchObject({ source: 'assessment', level: 'low', previousLevel: 'critical', reason: '已面谈评估：误会已澄清，家长知情并配合' });
    const [stored] = await t.dataSource.query('SELECT assessment_reason FROM student_risk WHERE student_id = $1', [student.id]);
    expect(stored.assessment_reason).not.toContain('面谈');

    clock.advance(8 * DAY);
    await t.app.get(RiskRecomputeJob).run();
    const after = await risk(student.id);
    expect(after.body).toMatchObject({ level: 'critical', assessment: null });
    expect(after.body.history[0]).toMatchObject({ source: 'assessment_expired', level: 'critical', previousLevel: 'low' });
    clock.advance(-8 * DAY);
  });

  it('lets old alerts age out and dismissed flags stop counting', async () => {
    const student = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id });
    const urgent = await flag(student.id, 'urgent');
    const counselor = await as(w.counselor);
    await t.http.post(`/api/v1/concern-flags/${urgent.id}/triage`).set(counselor).send({ decision: 'dismiss', version: 1, reason: '核实后无风险' });
    expect((await risk(student.id)).body.level).toBe('critical'); // the alert still counts
    clock.advance(31 * DAY);
    await t.app.get(RiskRecomputeJob).run();
    expect((await risk(student.id)).body).toMatchObject({ level: 'none', derivedFrom: null });
    clock.advance(-31 * DAY);
  });

  it.each([
    [{ level: 'extreme' }, 'level'],
    [{ reason: 'short' }, 'reason'],
    [{ expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt'],
  ])('rejects an assessment with %p', async (overrides, field) => {
    const res = await t.http
      .post(`/api/v1/students/${w.studentA.id}/risk-assessments`)
      .set(await as(w.counselor))
      .send({ level: 'low', reason: 'a long enough reason', expiresAt: new Date(clock.now().getTime() + DAY).toISOString(), ...overrides });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe(field);
  });

  it('lists the school\'s students highest level first, for counselors only', async () => {
    const res = await t.http.get('/api/v1/risk-register').query({ limit: 200 }).set(await as(w.counselor));
    expect(res.status).toBe(200);
    const ranks = res.body.items.map((i: { level: string }) => ['none', 'low', 'moderate', 'high', 'critical'].indexOf(i.level));
    expect(ranks.length).toBeGreaterThan(0);
    expect(ranks).toEqual([...ranks].sort((a: number, b: number) => b - a));
    const critical = await t.http.get('/api/v1/risk-register').query({ level: 'critical' }).set(await as(w.counselor));
    expect(critical.body.items.every((i: { level: string }) => i.level === 'critical')).toBe(true);
    const page = await t.http.get('/api/v1/risk-register').query({ limit: 1 }).set(await as(w.counselor));
    const next = await t.http.get('/api/v1/risk-register').query({ limit: 1, cursor: page.body.nextCursor }).set(await as(w.counselor));
    expect(next.body.items[0].studentId).not.toBe(page.body.items[0].studentId);
    expect((await t.http.get('/api/v1/risk-register').set(await as(w.otherCounselor))).body.items).toEqual([]);
    for (const user of [w.teacher, w.duty, w.admin]) expect((await t.http.get('/api/v1/risk-register').set(await as(user))).status).toBe(403);
  });

  it('audits each read of the register once, with its filter and count, never the students', async () => {
    const counselor = await createUser(t, { schoolId: w.school.id, role: 'counselor' });
    const student = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id });
    await flag(student.id, 'urgent');
    const res = await t.http.get('/api/v1/risk-register').query({ level: ['critical', 'high'], limit: 200 }).set(await as(counselor));
    expect(res.status).toBe(200);
    const page = await t.http.get('/api/v1/risk-register').query({ limit: 1 }).set(await as(counselor));
    await t.http.get('/api/v1/risk-register').query({ limit: 1, cursor: page.body.nextCursor }).set(await as(counselor));
    const entries = await t.dataSource.query(
      `SELECT action, entity_type, student_id, reason FROM audit_events WHERE actor_id = $1 AND action = 'risk_register.list' ORDER BY seq`,
      [counselor.id],
    );
    expect(entries.map((e: { reason: string }) => JSON.parse(e.reason))).toEqual([
      { filter: { level: ['critical', 'high'] }, count: res.body.items.length },
      { filter: {}, count: 1 },
      { filter: { cursor: 'next page' }, count: 1 },
    ]);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(entries.every((e: { entity_type: string; student_id: string | null }) => e.entity_type === 'student_risk' && e.student_id === null)).toBe(true);
  });

  it('keeps levels from class teachers, and from administrators unless they break the glass', async () => {
    expect((await risk(w.studentA.id, w.teacher)).status).toBe(403);
    const withoutGrant = await risk(w.studentA.id, w.admin);
    expect(withoutGrant.status).toBe(404);
    const grant = await t.http
      .post('/api/v1/break-glass')
      .set(await as(w.admin))
      .send({ studentId: w.studentA.id, reason: 'Counselors unreachable; parent reports an emergency tonight' });
    const withGrant = await risk(w.studentA.id, w.admin);
    expect(withGrant.status).toBe(200);
    const [event] = await t.dataSource.query(
      `SELECT break_glass_grant_id FROM audit_events WHERE action = 'student_risk.read' AND actor_id = $1 AND outcome = 'success'`,
      [w.admin.id],
    );
    expect(event.break_glass_grant_id).toBe(grant.body.id);
    expect((await risk(w.otherStudent.id)).status).toBe(404);
  });
});
