import { randomUUID } from 'node:crypto';
import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createSchoolWorld, createStudent, createUser } from '../support/factories.js';
import { as, gad7, instrumentIdsByCode, openCampaign, phq9, phq9WithTotal, tokensOf } from './support/screening-campaigns.js';

const HOUR = 3600_000;
const START = new Date('2026-09-01T00:00:00Z');

describe('screening responses', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let teamMate: Awaited<ReturnType<typeof createUser>>;
  let outsider: Awaited<ReturnType<typeof createUser>>;
  let campaignId: string;
  let tokens: Map<string, string>;
  const clock = new ManualClock(START);

  const get = async (user: { id: string }, responseId: string) => t.http.get(`/api/v1/screening-responses/${responseId}`).set(await as(t, user));
  const results = async (user: { id: string }, studentId: string) => t.http.get(`/api/v1/students/${studentId}/screening-results`).set(await as(t, user));
  const enter = async (user: { id: string }, body: Record<string, unknown>) =>
    t.http
      .post(`/api/v1/screening-campaigns/${campaignId}/responses`)
      .set(await as(t, user))
      .send({ instrumentCode: 'phq9', answers: phq9(), administeredAt: new Date(START.getTime() - 30 * 60_000).toISOString(), ...body });
  const responseIdsOf = async (studentId: string, code: string) =>
    (await t.dataSource.query('SELECT id FROM screening_responses WHERE student_id = $1 AND instrument_code = $2', [studentId, code])).map(
      (r: { id: string }) => r.id,
    );

  beforeAll(async () => {
    process.env.AUTH_RATE_LIMIT_PER_MINUTE = '1000';
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    teamMate = await createUser(t, { schoolId: w.school.id, role: 'counseling_lead' });
    outsider = await createUser(t, { schoolId: w.school.id, role: 'counselor' });
    const ids = await instrumentIdsByCode(t);
    const campaign = await openCampaign(t, w.counselor, {
      opensAt: new Date(START.getTime() - HOUR).toISOString(),
      closesAt: new Date(START.getTime() + 7 * 24 * HOUR).toISOString(),
      classIds: [w.classA.id, w.classB.id],
      instrumentIds: [ids.phq9, ids.gad7],
      counselorIds: [teamMate.id],
    });
    campaignId = campaign.id;
    tokens = await tokensOf(t, w.counselor, campaignId);
    const res = await t.http
      .post(`/api/v1/survey/${tokens.get(w.studentA.studentNumber)}`)
      .send({ consent: true, answers: { phq9: phq9WithTotal(12), gad7: gad7({ item2: 1 }) } });
    expect(res.status).toBe(201);
  });
  afterAll(async () => {
    delete process.env.AUTH_RATE_LIMIT_PER_MINUTE;
    await t.close();
  });

  describe('reading', () => {
    it("shows the campaign's team the full response, decrypted, and audits the read", async () => {
      const [responseId] = await responseIdsOf(w.studentA.id, 'phq9');
      const res = await get(teamMate, responseId);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: responseId,
        campaignId,
        campaignName: '2026秋季心理健康筛查',
        studentId: w.studentA.id,
        studentName: '张小明',
        instrumentCode: 'phq9',
        instrumentVersion: 1,
        source: 'survey',
        total: 12,
        band: { code: 'moderate', labelZh: '中度抑郁', labelEn: 'Moderate depression' },
        classification: null,
        criticalItemsHit: [],
        answers: phq9WithTotal(12),
        flags: {},
        enteredBy: null,
      });
      const [audit] = await t.dataSource.query(
        `SELECT outcome, student_id, actor_id FROM audit_events WHERE action = 'screening_response.read' AND entity_id = $1 ORDER BY seq DESC LIMIT 1`,
        [responseId],
      );
      expect(audit).toEqual({ outcome: 'success', student_id: w.studentA.id, actor_id: teamMate.id });
    });

    it('answers a class teacher, an administrator and a counselor outside the team 404, like a missing response, and audits it', async () => {
      const [responseId] = await responseIdsOf(w.studentA.id, 'phq9');
      const missing = await get(w.counselor, randomUUID());
      for (const user of [w.teacher, w.admin, outsider, w.otherCounselor]) {
        const res = await get(user, responseId);
        expect(res.status).toBe(404);
        expect(res.body).toEqual(missing.body);
      }
      const refused = await t.dataSource.query(
        `SELECT actor_id FROM audit_events WHERE action = 'screening_response.read' AND entity_id = $1 AND outcome = 'not_found'`,
        [responseId],
      );
      expect(refused.map((r: { actor_id: string }) => r.actor_id)).toEqual(expect.arrayContaining([w.teacher.id, w.admin.id, outsider.id]));
    });

    it("lets a counselor outside the team see a student's results without answers", async () => {
      const res = await results(outsider, w.studentA.id);
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(2);
      expect(res.body.items.find((r: { instrumentCode: string }) => r.instrumentCode === 'phq9')).toEqual({
        id: expect.any(String),
        campaignId,
        campaignName: '2026秋季心理健康筛查',
        instrumentId: expect.any(String),
        instrumentCode: 'phq9',
        instrumentVersion: 1,
        source: 'survey',
        administeredAt: START.toISOString(),
        submittedAt: START.toISOString(),
        total: 12,
        band: { code: 'moderate', labelZh: '中度抑郁', labelEn: 'Moderate depression' },
        classification: null,
        critical: false,
      });
      expect(JSON.stringify(res.body)).not.toMatch(/answers|item\d/);
      const [audit] = await t.dataSource.query(`SELECT action FROM audit_events WHERE actor_id = $1 AND action = 'screening_result.list'`, [outsider.id]);
      expect(audit).toBeDefined();
    });

    it("keeps results from teachers, administrators and other schools", async () => {
      expect((await results(w.teacher, w.studentA.id)).status).toBe(403);
      expect((await results(w.admin, w.studentA.id)).status).toBe(403);
      const other = await results(w.otherCounselor, w.studentA.id);
      expect([other.status, other.body.code]).toEqual([404, 'student.not_found']);
    });

    it('opens the answers to someone outside the team with a break-glass grant for the student, audited with the grant', async () => {
      const [responseId] = await responseIdsOf(w.studentA.id, 'gad7');
      const grant = await t.http
        .post('/api/v1/break-glass')
        .set(await as(t, outsider))
        .send({ studentId: w.studentA.id, reason: '学生在咨询中透露危机，需要立即查看筛查作答以评估风险' });
      expect(grant.status).toBe(201);
      const res = await get(outsider, responseId);
      expect(res.status).toBe(200);
      expect(res.body.answers).toEqual(gad7({ item2: 1 }));
      const [audit] = await t.dataSource.query(
        `SELECT break_glass_grant_id FROM audit_events WHERE action = 'screening_response.read' AND entity_id = $1 AND actor_id = $2 AND outcome = 'success'`,
        [responseId, outsider.id],
      );
      expect(audit.break_glass_grant_id).toBe(grant.body.id);
    });
  });

  describe('paper entry', () => {
    it('stores a paper form like a survey answer, and the student can no longer use their token', async () => {
      const student = await createStudent(t, { schoolId: w.school.id, classId: w.classB.id });
      // Enrolled after the campaign opened, so never invited.
      expect((await enter(w.counselor, { studentId: student.id })).body.code).toBe('screening_response.not_invited');

      const res = await enter(teamMate, { studentId: w.studentB.id, answers: phq9({ item9: 2 }) });
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/api/v1/screening-responses/${res.body.id}`);
      expect(res.body).toMatchObject({ source: 'paper', enteredBy: teamMate.id, total: 2, criticalItemsHit: ['item9'], answers: phq9({ item9: 2 }) });
      const alerts = await t.dataSource.query('SELECT severity, reason_code FROM alerts WHERE source_id = $1', [res.body.id]);
      expect(alerts).toEqual([{ severity: 'critical', reason_code: 'critical_item:phq9' }]);
      const [audit] = await t.dataSource.query(`SELECT action, actor_id FROM audit_events WHERE entity_id = $1`, [res.body.id]);
      expect(audit).toEqual({ action: 'screening_response.enter', actor_id: teamMate.id });
      expect((await t.http.get(`/api/v1/survey/${tokens.get(w.studentB.studentNumber)}`)).status).toBe(409);

      const again = await enter(w.counselor, { studentId: w.studentB.id });
      expect([again.status, again.body.code]).toEqual([409, 'screening_response.already_recorded']);
      const otherInstrument = await enter(w.counselor, { studentId: w.studentB.id, instrumentCode: 'gad7', answers: gad7() });
      expect(otherInstrument.status).toBe(201);
    });

    it.each([
      [{ answers: phq9({ item9: 7 }) }, 'answers.item9'],
      [{ answers: phq9({ extra: 1 }) }, 'answers.extra'],
      [{ instrumentCode: 'upi' }, 'instrumentCode'],
      [{ administeredAt: new Date(START.getTime() + 2 * HOUR).toISOString() }, 'administeredAt'],
      [{ administeredAt: new Date(START.getTime() - 2 * HOUR).toISOString() }, 'administeredAt'],
      [{ studentId: 'nope' }, 'studentId'],
    ])('refuses %p with 400 naming %s', async (body, field) => {
      const res = await enter(w.counselor, { studentId: w.otherStudent.id, ...body });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it("answers 409 for a student not invited (another school's too), and is for the campaign's team only", async () => {
      const foreign = await enter(w.counselor, { studentId: w.otherStudent.id });
      expect([foreign.status, foreign.body.code]).toEqual([409, 'screening_response.not_invited']);
      expect((await enter(outsider, { studentId: w.studentB.id })).status).toBe(404);
      expect((await enter(w.teacher, { studentId: w.studentB.id })).status).toBe(403);
    });
  });
});
