import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createClass, createSchoolWorld, createStudent } from '../support/factories.js';
import { gad7, instrumentIdsByCode, openCampaign, phq9, tokensOf } from '../screening/support/screening-campaigns.js';

const HOUR = 3600_000;
const START = new Date('2026-09-01T00:00:00Z');

describe('the student survey page', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  const clock = new ManualClock(START);
  const tokens: string[] = [];
  const fresh = () => tokens.pop() as string;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    const ids = await instrumentIdsByCode(t);
    const classId = (await createClass(t, w.school.id, w.grade.id)).id;
    await Promise.all(Array.from({ length: 5 }, () => createStudent(t, { schoolId: w.school.id, classId })));
    const campaign = await openCampaign(t, w.counselor, {
      opensAt: new Date(START.getTime() - HOUR).toISOString(),
      closesAt: new Date(START.getTime() + 24 * HOUR).toISOString(),
      classIds: [classId],
      instrumentIds: [ids.phq9, ids.gad7],
    });
    tokens.push(...(await tokensOf(t, w.counselor, campaign.id)).values());
  });
  afterAll(() => t.close());
  afterEach(() => clock.set(START));

  it('shows consent first, then every item as a labelled fieldset, in Chinese by default', async () => {
    const res = await t.http.get(`/s/${tokens[0]}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const html = res.text;
    expect(html).toContain('<html lang="zh-Hans">');
    expect(html.indexOf('id="consent"')).toBeLessThan(html.indexOf('data-step="item"'));
    expect(html).toContain('本问卷用于了解你的心理健康状况');
    expect(html.match(/<fieldset>/g)).toHaveLength(16);
    expect(html.match(/<legend /g)).toHaveLength(16);
    expect(html).toContain('有不如死掉或用某种方式伤害自己的念头');
    expect(html).toContain('<label class="option" for="phq9-item9-3"><input type="radio" id="phq9-item9-3" name="phq9-item9" value="3"><span>几乎每天</span></label>');
    expect(html).toContain('<label for="consent-check">');
    expect(html).toContain('href="?lang=en"');
    expect(html).toContain('<script type="module" src="/s/assets/survey-client.js"></script>');
    expect(html).not.toContain(tokens[0]);
  });

  it('switches to English with ?lang=en, keeping the Chinese consent text marked as Chinese when there is no English one', async () => {
    const html = (await t.http.get(`/s/${tokens[0]}?lang=en`)).text;
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Thoughts that you would be better off dead or of hurting yourself in some way');
    expect(html).toContain('Nearly every day');
    expect(html).toContain('<div lang="zh-Hans"><p>本问卷');
    expect(html).toContain('href="?lang=zh"');
  });

  it('sends strict security headers and no caching on the page', async () => {
    const res = await t.http.get(`/s/${tokens[0]}`);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'; script-src 'self'; style-src 'self'");
    expect(res.headers['content-security-policy']).not.toMatch(/unsafe|https?:/);
    expect(res.headers['x-request-id']).toBeDefined();
  });

  it('serves its stylesheet and scripts with cache headers, and nothing else from the assets path', async () => {
    const css = await t.http.get('/s/assets/survey.css');
    expect([css.status, css.headers['content-type'], css.headers['cache-control']]).toEqual([200, 'text/css; charset=utf-8', 'public, max-age=3600']);
    const js = await t.http.get('/s/assets/survey-client.js');
    expect([js.status, js.headers['content-type']]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect(js.text).toContain("from './survey-logic.js'");
    expect((await t.http.get('/s/assets/survey-logic.js')).status).toBe(200);
    expect((await t.http.get('/s/assets/..%2Fpackage.json')).status).toBe(404);
  });

  it('answers an unknown or tampered link with a kind 404 page and general help', async () => {
    for (const token of ['nope', `${tokens[0].slice(0, -1)}${tokens[0].endsWith('A') ? 'B' : 'A'}`]) {
      const res = await t.http.get(`/s/${token}`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('这个链接无法打开');
      expect(res.text).toContain('12356');
      expect(res.text).not.toMatch(/survey\.not_found|problem|stack/i);
    }
  });

  it('after submitting: the help resources in the answer, prominent for a critical item without saying why, and a 409 page for the used link', async () => {
    const calm = fresh();
    const answered = await t.http.post(`/api/v1/survey/${calm}`).send({ consent: true, answers: { phq9: phq9(), gad7: gad7() } });
    expect(answered.status).toBe(201);
    expect(answered.body).toMatchObject({ showHelpProminently: false, helpResources: expect.arrayContaining([expect.objectContaining({ contact: '12356' })]) });
    expect(JSON.stringify(answered.body)).not.toMatch(/critical|flag|risk|alert/i);

    await t.dataSource.query(`INSERT INTO school_help_resources (school_id, resources) VALUES ($1, $2)`, [
      w.school.id,
      JSON.stringify([{ nameZh: '学校心理辅导室', nameEn: 'Counseling room', contact: '0571-1234 5678' }]),
    ]);
    const critical = fresh();
    const flagged = await t.http.post(`/api/v1/survey/${critical}`).send({ consent: true, answers: { phq9: phq9({ item9: 2 }), gad7: gad7() } });
    expect(flagged.status).toBe(201);
    expect(flagged.body).toMatchObject({ showHelpProminently: true, helpResources: [{ nameZh: '学校心理辅导室', contact: '0571-1234 5678' }] });

    const used = await t.http.get(`/s/${critical}`);
    expect(used.status).toBe(409);
    expect(used.text).toContain('这份问卷已经完成了');
    expect(used.text).toContain('0571-1234 5678');
    expect(used.headers['cache-control']).toBe('no-store');
  });

  it('answers a closed window with a kind 410 page', async () => {
    clock.set(new Date(START.getTime() + 48 * HOUR));
    const res = await t.http.get(`/s/${tokens[0]}?lang=en`);
    expect(res.status).toBe(410);
    expect(res.text).toContain('This survey is not open now');
  });
});
