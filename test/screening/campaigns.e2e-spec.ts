import { randomUUID } from 'node:crypto';
import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createClass, createSchoolWorld, createUser } from '../support/factories.js';
import { as, createCampaign, instrumentIdsByCode, transition } from './support/screening-campaigns.js';

const HOUR = 3600_000;

describe('screening campaigns', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let ids: Record<string, string>;
  const clock = new ManualClock(new Date('2026-09-01T00:00:00Z'));
  const window = () => ({
    opensAt: new Date(clock.now().getTime() + HOUR).toISOString(),
    closesAt: new Date(clock.now().getTime() + 7 * 24 * HOUR).toISOString(),
  });

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    ids = await instrumentIdsByCode(t);
  });
  afterAll(async () => t.close());

  const draft = (overrides: Record<string, unknown> = {}) =>
    createCampaign(t, w.counselor, { ...window(), gradeIds: [w.grade.id], instrumentIds: [ids.phq9, ids.gad7], ...overrides });

  it('lets a counselor draft a campaign and answers it with its location, team and allowed moves', async () => {
    const res = await draft({ consentTextEn: 'Your answers are seen by the school counselors only.' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/screening-campaigns/${res.body.id}`);
    expect(res.body).toMatchObject({
      name: '2026秋季心理健康筛查',
      status: 'draft',
      gradeIds: [w.grade.id],
      classIds: [],
      instruments: [
        { id: ids.phq9, code: 'phq9', version: 1 },
        { id: ids.gad7, code: 'gad7', version: 1 },
      ],
      counselorIds: [w.counselor.id],
      invitationCount: 0,
      allowedTransitions: ['open'],
      consentTextEn: 'Your answers are seen by the school counselors only.',
      version: 1,
    });
    const [audit] = await t.dataSource.query(`SELECT action, actor_id FROM audit_events WHERE entity_id = $1`, [res.body.id]);
    expect(audit).toEqual({ action: 'screening_campaign.create', actor_id: w.counselor.id });
  });

  it.each([
    [{ closesAt: new Date('2026-09-01T00:30:00Z').toISOString() }, 'closesAt'],
    [{ opensAt: '2026-08-01T00:00:00Z', closesAt: '2026-08-15T00:00:00Z' }, 'closesAt'],
    [{ gradeIds: [] }, 'classIds'],
    [{ gradeIds: [randomUUID()] }, 'gradeIds'],
    [{ classIds: [randomUUID()] }, 'classIds'],
    [{ instrumentIds: [] }, 'instrumentIds'],
    [{ instrumentIds: [randomUUID()] }, 'instrumentIds'],
    [{ consentTextZh: '' }, 'consentTextZh'],
    [{ counselorIds: [randomUUID()] }, 'counselorIds'],
    [{ status: 'open' }, 'status'],
    [{ opensAt: 'tomorrow' }, 'opensAt'],
  ])('refuses %p with 400 naming %s, storing nothing', async (overrides, field) => {
    const before = (await t.dataSource.query('SELECT count(*)::int AS n FROM screening_campaigns'))[0].n;
    const res = await draft(overrides);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation.invalid');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM screening_campaigns'))[0].n).toBe(before);
  });

  it("refuses another school's grade, class or counselor as if they did not exist", async () => {
    const grade = await draft({ gradeIds: [w.otherClass.gradeId] });
    const klass = await draft({ gradeIds: undefined, classIds: [w.otherClass.id] });
    const counselor = await draft({ counselorIds: [w.otherCounselor.id] });
    expect([grade.status, klass.status, counselor.status]).toEqual([400, 400, 400]);
    expect(counselor.body.errors).toEqual([{ field: 'counselorIds', message: `names ${w.otherCounselor.id}, which is not an active counselor of your school` }]);
  });

  it('refuses a teacher or an administrator creating one', async () => {
    for (const user of [w.teacher, w.admin]) {
      const res = await createCampaign(t, user, { ...window(), gradeIds: [w.grade.id], instrumentIds: [ids.phq9] });
      expect(res.status).toBe(403);
    }
  });

  it('edits a draft with its version, replacing the lists it is given', async () => {
    const created = (await draft()).body;
    const colleague = await createUser(t, { schoolId: w.school.id, role: 'counselor' });
    const klass = await createClass(t, w.school.id, w.grade.id);
    const res = await t.http
      .patch(`/api/v1/screening-campaigns/${created.id}`)
      .set(await as(t, w.counselor))
      .set('if-match', '"1"')
      .send({ name: '高一筛查', classIds: [klass.id], instrumentIds: [ids.upi], counselorIds: [colleague.id], consentTextEn: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: '高一筛查',
      gradeIds: [w.grade.id],
      classIds: [klass.id],
      instruments: [{ code: 'upi' }],
      consentTextEn: null,
      version: 2,
    });
    expect([...res.body.counselorIds].sort()).toEqual([w.counselor.id, colleague.id].sort());
    const stale = await t.http.patch(`/api/v1/screening-campaigns/${created.id}`).set(await as(t, colleague)).send({ name: 'x', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('campaign.version_conflict');
    const [audit] = await t.dataSource.query(`SELECT changed_fields FROM audit_events WHERE entity_id = $1 AND action = 'screening_campaign.update'`, [created.id]);
    expect(audit.changed_fields).toEqual(['classIds', 'counselorIds', 'instrumentIds', 'name']);
  });

  it('moves draft -> open -> closed; an illegal move answers 409 naming the allowed ones', async () => {
    const created = (await draft()).body;
    const illegal = await transition(t, w.counselor, created, 'closed');
    expect(illegal.status).toBe(409);
    expect(illegal.body).toMatchObject({ code: 'campaign.illegal_transition', allowed: ['open'] });

    const opened = await transition(t, w.counselor, created, 'open');
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ status: 'open', allowedTransitions: ['closed'], version: 2, openedAt: clock.now().toISOString() });
    const edit = await t.http.patch(`/api/v1/screening-campaigns/${created.id}`).set(await as(t, w.counselor)).send({ name: 'x', version: 2 });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('campaign.not_editable');
    const stale = await transition(t, w.counselor, created, 'closed');
    expect(stale.body.code).toBe('campaign.version_conflict');

    const closed = await transition(t, w.counselor, opened.body, 'closed');
    expect(closed.body).toMatchObject({ status: 'closed', allowedTransitions: [] });
    const reopen = await transition(t, w.counselor, closed.body, 'open');
    expect(reopen.body).toMatchObject({ code: 'campaign.illegal_transition', allowed: [] });
    const actions = await t.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq`, [created.id]);
    expect(actions.map((a: { action: string }) => a.action)).toEqual(['screening_campaign.create', 'screening_campaign.open', 'screening_campaign.close']);
  });

  it("keeps changes to the campaign's team: another counselor sees it but cannot change it", async () => {
    const created = (await draft()).body;
    const outsider = await createUser(t, { schoolId: w.school.id, role: 'counselor' });
    expect((await t.http.get(`/api/v1/screening-campaigns/${created.id}`).set(await as(t, outsider))).status).toBe(200);
    const move = await transition(t, outsider, created, 'open');
    const edit = await t.http.patch(`/api/v1/screening-campaigns/${created.id}`).set(await as(t, outsider)).send({ name: 'x', version: 1 });
    expect([move.status, move.body.code, edit.status]).toEqual([404, 'campaign.not_found', 404]);
  });

  it("lists the school's campaigns newest first for counselors and administrators, never another school's", async () => {
    const first = (await draft({ name: '甲' })).body;
    clock.advance(1000);
    const second = (await draft({ name: '乙' })).body;
    const page = await t.http.get('/api/v1/screening-campaigns').query({ limit: 1 }).set(await as(t, w.admin));
    expect(page.body.items.map((c: { id: string }) => c.id)).toEqual([second.id]);
    expect(page.body.items[0]).toMatchObject({ name: '乙', instrumentCodes: ['phq9', 'gad7'] });
    const next = await t.http.get('/api/v1/screening-campaigns').query({ limit: 1, cursor: page.body.nextCursor }).set(await as(t, w.counselor));
    expect(next.body.items[0].id).toBe(first.id);
    const drafts = await t.http.get('/api/v1/screening-campaigns').query({ status: 'open', limit: 200 }).set(await as(t, w.counselor));
    expect(drafts.body.items.every((c: { status: string }) => c.status === 'open')).toBe(true);
    expect((await t.http.get('/api/v1/screening-campaigns').set(await as(t, w.otherCounselor))).body.items).toEqual([]);
    expect((await t.http.get(`/api/v1/screening-campaigns/${first.id}`).set(await as(t, w.otherAdmin))).status).toBe(404);
    expect((await t.http.get('/api/v1/screening-campaigns').set(await as(t, w.teacher))).status).toBe(403);
  });

  it('refuses to open a campaign whose window has already ended', async () => {
    const created = (await draft()).body;
    clock.advance(8 * 24 * HOUR);
    const res = await transition(t, w.counselor, created, 'open');
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('campaign.window_passed');
  });
});
