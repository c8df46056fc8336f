import { ManualClock } from '#core';
import { CampaignInstrumentRepository } from '../../libs/screening/src/campaigns/campaign-instrument.repository.js';
import { checkAnswers } from '../../libs/screening/src/responses/checked-answers.js';
import { RiskRecomputeJob } from '#risk';
import { ResponseRecorder } from '#screening';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createClass, createSchoolWorld, createStudent } from '../support/factories.js';
import { as, gad7, instrumentIdsByCode, openCampaign, phq9, phq9WithTotal, tokensOf, transition } from './support/screening-campaigns.js';

const HOUR = 3600_000;
const START = new Date('2026-09-01T00:00:00Z');

describe('the student survey', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let ids: Record<string, string>;
  let campaign: { id: string; version: number };
  let classId: string;
  const clock = new ManualClock(START);
  const tokens: string[] = [];
  const studentOf = new Map<string, string>();

  /** An unused token of the main campaign (PHQ-9 then GAD-7, open from an hour ago for a week). */
  const freshToken = () => {
    const token = tokens.pop();
    if (!token) throw new Error('out of tokens');
    return token;
  };
  const submit = (token: string, body: Record<string, unknown>) => t.http.post(`/api/v1/survey/${token}`).send(body);
  const validBody = (answers: Record<string, unknown> = {}) => ({ consent: true, answers: { phq9: phq9(), gad7: gad7(), ...answers } });
  const responsesOf = (token: string) =>
    t.dataSource.query(
      `SELECT r.id, r.instrument_code, r.total, r.band_code, r.critical_items_hit, r.source, r.answers, r.administered_at
         FROM screening_responses r WHERE r.student_id = $1 ORDER BY r.instrument_code`,
      [studentOf.get(token)],
    );

  beforeAll(async () => {
    process.env.AUTH_RATE_LIMIT_PER_MINUTE = '1000';
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    ids = await instrumentIdsByCode(t);
    classId = (await createClass(t, w.school.id, w.grade.id)).id;
    const students = await Promise.all(Array.from({ length: 12 }, () => createStudent(t, { schoolId: w.school.id, classId })));
    campaign = await openCampaign(t, w.counselor, {
      opensAt: new Date(START.getTime() - HOUR).toISOString(),
      closesAt: new Date(START.getTime() + 7 * 24 * HOUR).toISOString(),
      classIds: [classId],
      instrumentIds: [ids.phq9, ids.gad7],
    });
    for (const [number, token] of await tokensOf(t, w.counselor, campaign.id)) {
      tokens.push(token);
      studentOf.set(token, students.find((s) => s.studentNumber === number)?.id as string);
    }
  });
  afterAll(async () => {
    delete process.env.SURVEY_RATE_LIMIT_PER_MINUTE;
    await t.close();
  });
  afterEach(() => clock.set(START));

  it('shows the consent text and every question, and nothing about the student', async () => {
    const res = await t.http.get(`/api/v1/survey/${tokens[0]}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      campaignName: '2026秋季心理健康筛查',
      consentTextZh: expect.stringContaining('心理健康'),
      consentTextEn: null,
      instruments: [
        { code: 'phq9', nameZh: expect.any(String), nameEn: expect.any(String), instructionsZh: expect.any(String), inputFlags: [] },
        { code: 'gad7' },
      ],
    });
    expect(res.body.schoolName).toMatch(/^测试学校/);
    expect(res.body.instruments[0].items).toHaveLength(9);
    expect(res.body.instruments[0].items[8]).toEqual({
      key: 'item9',
      kind: 'choice',
      textZh: '有不如死掉或用某种方式伤害自己的念头',
      textEn: 'Thoughts that you would be better off dead or of hurting yourself in some way',
      options: [
        { value: 0, labelZh: '完全不会', labelEn: 'Not at all' },
        { value: 1, labelZh: '好几天', labelEn: 'Several days' },
        { value: 2, labelZh: '一半以上的天数', labelEn: 'More than half the days' },
        { value: 3, labelZh: '几乎每天', labelEn: 'Nearly every day' },
      ],
    });
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/张小明|studentId|bands|criticalItems|scoring|cut/);
  });

  it('stores one scored response per instrument, answers encrypted, audited, and the token used up', async () => {
    const token = freshToken();
    const res = await submit(token, validBody({ phq9: phq9WithTotal(7), gad7: gad7({ item1: 1 }) }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'submitted', submittedAt: START.toISOString(), showHelpProminently: false });
    const stored = await responsesOf(token);
    expect(stored.map((r: Record<string, unknown>) => [r.instrument_code, r.total, r.band_code, r.critical_items_hit, r.source])).toEqual([
      ['gad7', 1, 'minimal', [], 'survey'],
      ['phq9', 7, 'mild', [], 'survey'],
    ]);
    expect(stored[0].answers).toMatch(/^v1\./);
    expect(stored[0].answers).not.toContain('item1');
    const audit = await t.dataSource.query(
      `SELECT action, actor_id, student_id, entity_id FROM audit_events WHERE action = 'screening_response.submit' AND student_id = $1 ORDER BY seq`,
      [studentOf.get(token)],
    );
    expect(audit).toHaveLength(2);
    expect(audit.every((a: { actor_id: string | null }) => a.actor_id === null)).toBe(true);
    expect(audit.map((a: { entity_id: string }) => a.entity_id).sort()).toEqual(stored.map((r: { id: string }) => r.id).sort());

    const again = await submit(token, validBody());
    expect([again.status, again.body.code]).toEqual([409, 'survey.already_submitted']);
    expect((await t.http.get(`/api/v1/survey/${token}`)).status).toBe(409);
    expect(await responsesOf(token)).toHaveLength(2);
  });

  it.each([
    ['a missing item', validBody({ phq9: Object.fromEntries(Object.entries(phq9()).filter(([k]) => k !== 'item9')) }), 'answers.phq9.item9'],
    ['an extra item', validBody({ phq9: phq9({ item10: 1 }) }), 'answers.phq9.item10'],
    ['a value out of range', validBody({ phq9: phq9({ item1: 4 }) }), 'answers.phq9.item1'],
    ['a value of the wrong type', validBody({ gad7: gad7({ item3: '2' }) }), 'answers.gad7.item3'],
    ['a missing instrument', { consent: true, answers: { phq9: phq9() } }, 'answers.gad7'],
    ['an extra instrument', validBody({ upi: {} }), 'answers.upi'],
    ['answers that are not an object', validBody({ phq9: [0, 0, 0] }), 'answers.phq9'],
    ['a flag of no instrument', { ...validBody(), flags: { phq9x: { asksForCounseling: true } } }, 'flags.phq9x'],
    ['no consent', { ...validBody(), consent: false }, 'consent'],
    ['consent left out', { answers: validBody().answers }, 'consent'],
  ])('refuses %s with 400 naming it, storing nothing', async (_case, body, field) => {
    const token = tokens[tokens.length - 1];
    const res = await submit(token, body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation.invalid');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await responsesOf(token)).toEqual([]);
    const [invitation] = await t.dataSource.query('SELECT status FROM screening_invitations WHERE student_id = $1', [studentOf.get(token)]);
    expect(invitation.status).toBe('pending');
  });

  it('answers 404 for an unknown or malformed token, the same way', async () => {
    const unknown = await t.http.get(`/api/v1/survey/${'A'.repeat(43)}`);
    const malformed = await t.http.post('/api/v1/survey/not-a-token').send(validBody());
    expect([unknown.status, malformed.status]).toEqual([404, 404]);
    expect(unknown.body).toEqual(malformed.body);
    expect(unknown.body.code).toBe('survey.not_found');
  });

  it('answers 410 before the window opens, after it closes, and once the campaign is closed', async () => {
    const token = tokens[tokens.length - 1];
    clock.set(new Date(START.getTime() - 2 * HOUR));
    expect((await t.http.get(`/api/v1/survey/${token}`)).status).toBe(410);
    clock.set(new Date(START.getTime() + 7 * 24 * HOUR));
    const late = await submit(token, validBody());
    expect([late.status, late.body.code]).toEqual([410, 'survey.closed']);

    clock.set(START);
    const other = await openCampaign(t, w.counselor, {
      opensAt: new Date(START.getTime() - HOUR).toISOString(),
      closesAt: new Date(START.getTime() + HOUR).toISOString(),
      classIds: [classId],
      instrumentIds: [ids.phq9],
    });
    const [otherToken] = [...(await tokensOf(t, w.counselor, other.id)).values()];
    await transition(t, w.counselor, other, 'closed');
    expect((await submit(otherToken, { consent: true, answers: { phq9: phq9() } })).status).toBe(410);
    expect(await responsesOf(token)).toEqual([]);
  });

  it('takes two submissions of one token at the same moment once: one 201, one 409, one set of responses', async () => {
    const token = freshToken();
    const results = await Promise.all([submit(token, validBody()), submit(token, validBody({ phq9: phq9({ item1: 3 }) }))]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)?.body.code).toBe('survey.already_submitted');
    expect(await responsesOf(token)).toHaveLength(2);
  });

  it('answers a repeated submission of the same answers as the first (the student cannot know whether a lost answer committed), storing nothing twice; other answers get 409', async () => {
    const token = freshToken();
    const body = validBody({ phq9: phq9({ item9: 1 }) });
    const first = await submit(token, body);
    expect(first.status).toBe(201);
    clock.set(new Date(START.getTime() + HOUR));
    // The same answers, keys in another order: the first answer again, not "already submitted".
    const reordered = { answers: { gad7: body.answers.gad7, phq9: Object.fromEntries(Object.entries(body.answers.phq9).reverse()) }, consent: true };
    const replay = await submit(token, reordered);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.body).toMatchObject({ submittedAt: START.toISOString(), showHelpProminently: true });
    expect(await responsesOf(token)).toHaveLength(2);
    const [{ alerts }] = await t.dataSource.query(`SELECT count(*)::int AS alerts FROM alerts WHERE student_id = $1`, [studentOf.get(token)]);
    expect(alerts).toBe(1);
    const other = await submit(token, validBody({ phq9: phq9({ item9: 0 }) }));
    expect([other.status, other.body.code]).toEqual([409, 'survey.already_submitted']);
  });

  it('answers two identical submissions of one token at the same moment alike, storing one set of responses', async () => {
    const token = freshToken();
    const results = await Promise.all([submit(token, validBody()), submit(token, validBody())]);
    expect(results.map((r) => r.status)).toEqual([201, 201]);
    expect(results[1].body).toEqual(results[0].body);
    expect(await responsesOf(token)).toHaveLength(2);
  });

  it('raises exactly one critical alert for a critical answer, with the response, and the student becomes critical', async () => {
    const token = freshToken();
    expect((await submit(token, validBody({ phq9: phq9({ item9: 1 }) }))).status).toBe(201);
    const [phq] = (await responsesOf(token)).filter((r: { instrument_code: string }) => r.instrument_code === 'phq9');
    expect(phq.critical_items_hit).toEqual(['item9']);
    const alerts = await t.dataSource.query('SELECT severity, reason_code, source_type, source_id FROM alerts WHERE student_id = $1', [studentOf.get(token)]);
    expect(alerts).toEqual([{ severity: 'critical', reason_code: 'critical_item:phq9', source_type: 'screening_response', source_id: phq.id }]);
    const risk = await t.http.get(`/api/v1/students/${studentOf.get(token)}/risk`).set(await as(t, w.counselor));
    expect(risk.body.level).toBe('critical');
  });

  it('leaves neither response nor alert when the transaction fails', async () => {
    const token = freshToken();
    const studentId = studentOf.get(token) as string;
    const [invitation] = await t.dataSource.query('SELECT id FROM screening_invitations WHERE student_id = $1', [studentId]);
    const [instrument] = await t.app.get(CampaignInstrumentRepository).instrumentsOf(campaign.id);
    const check = checkAnswers(instrument, phq9({ item9: 3 }), undefined);
    await expect(
      t.dataSource.transaction(async (manager) => {
        await t.app.get(ResponseRecorder).record(manager, { schoolId: w.school.id }, {
          schoolId: w.school.id,
          campaignId: campaign.id,
          source: 'survey',
          enteredBy: null,
          responses: [{ ...(check.checked as NonNullable<typeof check.checked>), invitationId: invitation.id, studentId, administeredAt: START }],
        });
        expect((await manager.query('SELECT count(*)::int AS n FROM alerts WHERE student_id = $1', [studentId]))[0].n).toBe(1);
        throw new Error('a later step failed');
      }),
    ).rejects.toThrow('a later step failed');
    expect(await responsesOf(token)).toEqual([]);
    expect(await t.dataSource.query('SELECT id FROM alerts WHERE student_id = $1', [studentId])).toEqual([]);
  });

  it('raises a high alert for a severe band without a critical item, and maps bands to risk levels', async () => {
    const severe = freshToken();
    await submit(severe, validBody({ phq9: phq9WithTotal(20) }));
    const alerts = await t.dataSource.query('SELECT severity, reason_code FROM alerts WHERE student_id = $1', [studentOf.get(severe)]);
    expect(alerts).toEqual([{ severity: 'high', reason_code: 'band:phq9:severe' }]);
    expect((await t.http.get(`/api/v1/students/${studentOf.get(severe)}/risk`).set(await as(t, w.counselor))).body.level).toBe('high');

    // GAD-7 moderate raises no alert; the band alone sets the level.
    const moderate = freshToken();
    await submit(moderate, validBody({ gad7: gad7({ item1: 3, item2: 3, item3: 3, item4: 1 }) }));
    expect(await t.dataSource.query('SELECT 1 FROM alerts WHERE student_id = $1', [studentOf.get(moderate)])).toEqual([]);
    const risk = await t.http.get(`/api/v1/students/${studentOf.get(moderate)}/risk`).set(await as(t, w.counselor));
    expect(risk.body).toMatchObject({ level: 'moderate', derivedFrom: 'screening:gad7:moderate' });
  });

  it('lets a screening result age out of the risk level after the screening window', async () => {
    const token = freshToken();
    await submit(token, validBody({ phq9: phq9WithTotal(6) }));
    const studentId = studentOf.get(token) as string;
    expect((await t.http.get(`/api/v1/students/${studentId}/risk`).set(await as(t, w.counselor))).body).toMatchObject({ level: 'low', derivedFrom: 'screening:phq9:mild' });
    clock.set(new Date(START.getTime() + 181 * 24 * HOUR));
    await t.app.get(RiskRecomputeJob).run();
    expect((await t.http.get(`/api/v1/students/${studentId}/risk`).set(await as(t, w.counselor))).body.level).toBe('none');
  });
});

describe('survey rate limiting', () => {
  let t: TestApp;

  beforeAll(async () => {
    process.env.SURVEY_RATE_LIMIT_PER_MINUTE = '3';
    t = await createTestApp();
  });
  afterAll(async () => {
    delete process.env.SURVEY_RATE_LIMIT_PER_MINUTE;
    await t.close();
  });

  it('answers 429 once a client address has used up its requests', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.http.get(`/api/v1/survey/${'B'.repeat(43)}`)).status);
    expect(statuses).toEqual([404, 404, 404, 429]);
  });
});
