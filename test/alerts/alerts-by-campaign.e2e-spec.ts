import { createTestApp, type TestApp } from '../support/test-app.js';
import { createSchoolWorld } from '../support/factories.js';
import { as, instrumentIdsByCode, openCampaign, phq9 } from '../screening/support/screening-campaigns.js';

const DAY = 24 * 60 * 60_000;

describe('alerts raised by one screening campaign (GET /api/v1/alerts?campaignId=)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createSchoolWorld(t);
  });
  afterAll(async () => t.close());

  const campaignOf = async (name: string) => {
    const ids = await instrumentIdsByCode(t);
    const now = Date.now();
    return openCampaign(t, w.counselor, {
      name,
      opensAt: new Date(now - DAY).toISOString(),
      closesAt: new Date(now + 7 * DAY).toISOString(),
      classIds: [w.classA.id],
      instrumentIds: [ids.phq9],
    });
  };
  const enterCritical = async (campaignId: string) => {
    const res = await t.http
      .post(`/api/v1/screening-campaigns/${campaignId}/responses`)
      .set(await as(t, w.counselor))
      .send({ studentId: w.studentA.id, instrumentCode: 'phq9', answers: phq9({ item9: 2 }), administeredAt: new Date(Date.now() - 60_000).toISOString() });
    if (res.status !== 201) throw new Error(`response not entered: ${JSON.stringify(res.body)}`);
    return res.body as { id: string };
  };

  it('lists only the alerts of that campaign\'s responses, and none for another school\'s caller', async () => {
    const first = await campaignOf('第一次筛查');
    const second = await campaignOf('第二次筛查');
    const response = await enterCritical(first.id);
    await enterCritical(second.id);

    const list = async (campaignId: string, user = w.counselor) => t.http.get('/api/v1/alerts').query({ campaignId }).set(await as(t, user));
    const mine = await list(first.id);
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({ sourceType: 'screening_response', sourceId: response.id, studentId: w.studentA.id, severity: 'critical' });

    const all = await t.http.get('/api/v1/alerts').set(await as(t, w.counselor));
    expect(all.body.items.length).toBeGreaterThanOrEqual(2);

    const other = await list(first.id, w.otherCounselor);
    expect(other.status).toBe(200);
    expect(other.body.items).toEqual([]);
  });

  it('answers 400 for a campaign id that is not a UUID', async () => {
    const res = await t.http.get('/api/v1/alerts').query({ campaignId: 'nope' }).set(await as(t, w.counselor));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation.invalid');
  });
});
