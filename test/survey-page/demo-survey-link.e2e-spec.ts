import { DEMO_SCHOOL_CODE, seedDemoSchool } from '#demo';
import { DEMO_CAMPAIGN_NAME, DemoSurveyLinkService } from '#screening';
import { createTestApp, type TestApp } from '../support/test-app.js';

const DEMO = { schoolCode: DEMO_SCHOOL_CODE, counselorUsername: 'counselor' };
const LINK_PATH = /^\/s\/[A-Za-z0-9_-]{43}$/;
const answersOf = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`item${i + 1}`, 0]));

/** The link `npm start` prints on the embedded demo database (README: the survey page). */
describe('the demo survey link printed by npm start', () => {
  let t: TestApp;
  let links: DemoSurveyLinkService;

  beforeAll(async () => {
    t = await createTestApp();
    links = t.app.get(DemoSurveyLinkService);
  });
  afterAll(() => t.close());

  it('is absent without the demo school, then opens the demo campaign page; the same link until it is used, then the next', async () => {
    expect(await links.readyLinkPath(DEMO)).toBeNull();
    await seedDemoSchool(t.dataSource, 'demo-password');

    const first = await links.readyLinkPath(DEMO);
    expect(first).toMatch(LINK_PATH);
    const page = await t.http.get(first as string);
    expect(page.status).toBe(200);
    expect(page.text).toContain('示范中学 Demo High School');
    expect(page.text).toContain(DEMO_CAMPAIGN_NAME);
    expect(page.text.match(/<fieldset>/g)).toHaveLength(16); // PHQ-9 and GAD-7
    expect(await links.readyLinkPath(DEMO)).toBe(first);

    const token = (first as string).slice('/s/'.length);
    const submitted = await t.http.post(`/api/v1/survey/${token}`).send({ consent: true, answers: { phq9: answersOf(9), gad7: answersOf(7) } });
    expect(submitted.status).toBe(201);
    const next = await links.readyLinkPath(DEMO);
    expect(next).toMatch(LINK_PATH);
    expect(next).not.toBe(first);

    // One campaign, for the first class only (30 students).
    const campaigns = await t.dataSource.query<{ invited: number; status: string }[]>(
      `SELECT c.status, (SELECT count(*)::int FROM screening_invitations i WHERE i.campaign_id = c.id) AS invited
         FROM screening_campaigns c WHERE c.name = $1`,
      [DEMO_CAMPAIGN_NAME],
    );
    expect(campaigns).toEqual([{ status: 'open', invited: 30 }]);
  });
});
