import { createTestApp, type TestApp } from '../support/test-app.js';
import { demoSchool } from './demo.js';

const items = (count: number, value = 0, overrides: Record<string, number> = {}) => ({
  ...Object.fromEntries(Array.from({ length: count }, (_, i) => [`item${i + 1}`, value])),
  ...overrides,
});

/**
 * The README's walkthrough "Run a screening campaign", step by step, with the demo accounts:
 * if this fails, the README is no longer true.
 */
describe('README walkthrough: run a screening campaign', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('runs end to end with the demo accounts', async () => {
    const as = await demoSchool(t);

    // 1. The counselor picks the instruments and the grade, creates the campaign and opens it.
    const instruments = (await t.http.get('/api/v1/instruments').set(as.counselor)).body.items as { id: string; code: string }[];
    const grade = (await t.http.get('/api/v1/grades').set(as.counselor)).body.items[0];
    const created = await t.http
      .post('/api/v1/screening-campaigns')
      .set(as.counselor)
      .send({
        name: '2026秋季高一心理筛查',
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        gradeIds: [grade.id],
        instrumentIds: instruments.filter((i) => ['phq9', 'gad7'].includes(i.code)).map((i) => i.id),
        consentTextZh: '本问卷用于了解你近两周的心理状态，结果仅由学校心理教师查看。',
      });
    expect(created.status).toBe(201);
    const opened = await t.http
      .post(`/api/v1/screening-campaigns/${created.body.id}/transitions`)
      .set(as.counselor)
      .send({ to: 'open', version: created.body.version });
    expect(opened.body.status).toBe('open');

    // 2. The invitation list (one link per student) goes to the class teachers to hand out.
    const csv = await t.http.get(`/api/v1/screening-campaigns/${created.body.id}/invitations.csv`).set(as.counselor);
    const [header, first] = csv.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(header.split(',').at(-1)).toBe('link');
    // The token is the end of the link (the token column carries an apostrophe when it starts with '-').
    const token = (first.split(',').at(-1) as string).replace(/^\/s\//, '');

    // 3. A student answers on their phone; item 9 of the PHQ-9 above 0 raises a critical alert at once.
    const survey = await t.http.get(`/api/v1/survey/${token}`);
    expect(survey.status).toBe(200);
    const submitted = await t.http
      .post(`/api/v1/survey/${token}`)
      .send({ consent: true, answers: { phq9: items(9, 1, { item9: 1 }), gad7: items(7, 1) } });
    expect(submitted.status).toBe(201);
    const alerts = (await t.http.get('/api/v1/alerts').query({ status: 'open' }).set(as.counselor)).body.items;
    expect(alerts).toEqual([expect.objectContaining({ severity: 'critical', sourceType: 'screening_response' })]);

    // 4. Progress per class; the class teacher sees who has not answered yet, never scores.
    const progress = await t.http.get(`/api/v1/screening-campaigns/${created.body.id}/progress`).set(as.counselor);
    expect(progress.body).toMatchObject({ invited: 60, submitted: 1 });
    const pending = await t.http.get(`/api/v1/screening-campaigns/${created.body.id}/pending-students`).query({ limit: 200 }).set(as.teacher);
    expect(pending.body.items).toHaveLength(29);
    expect(JSON.stringify(pending.body)).not.toMatch(/total|band|phq/i);

    // 5. The administrator reads completion and bands per grade: counts only.
    const report = await t.http.get(`/api/v1/reports/screening-campaigns/${created.body.id}`).set(as.admin);
    expect(report.body.grades).toEqual([expect.objectContaining({ gradeId: grade.id, invited: 60, submitted: 1 })]);
    expect(report.body.bands).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ instrumentCode: 'phq9', bandCode: 'mild', responses: 1, withCriticalItem: 1 }),
        expect.objectContaining({ instrumentCode: 'gad7', bandCode: 'mild', responses: 1, withCriticalItem: 0 }),
      ]),
    );
    expect(JSON.stringify(report.body)).not.toMatch(/studentId|studentName|studentNumber/);
    expect((await t.http.get(`/api/v1/reports/screening-campaigns/${created.body.id}`).set(as.teacher)).status).toBe(403);
  });
});
