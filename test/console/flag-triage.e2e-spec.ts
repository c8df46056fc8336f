import type { Browser } from 'playwright-core';
import { ManualClock } from '#core';
import { bearer, type TestUser } from '../support/factories.js';
import { launchChromium } from '../support/browser/chromium.js';
import { type ConsoleServer, startConsoleServer } from './support/console-server.js';
import { type ConsoleTab, closeTab, DESKTOP, expectAccessible, heading, openTab, PHONE, screenshot, signIn } from './support/console-steps.js';

const MINUTE = 60_000;

describe('concern-flag triage in the console (Chromium)', () => {
  const clock = new ManualClock(new Date());
  let server: ConsoleServer;
  let browser: Browser;
  let tab: ConsoleTab;

  const as = async (user: { id: string }) => ({ authorization: await bearer(server.t, user) });
  const raise = async (teacher: TestUser, studentId: string, severity: string, observation: string) => {
    const res = await server.t.http
      .post('/api/v1/concern-flags')
      .set(await as(teacher))
      .send({ studentId, category: 'low_mood_or_withdrawal', severity, observedAt: new Date(clock.now().getTime() - 5 * MINUTE).toISOString(), observation });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };
  const flagInApi = async (flagId: string) => (await server.t.http.get(`/api/v1/concern-flags/${flagId}`).set(await as(server.world.counselor))).body;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer({ clock }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => closeTab(tab, server));

  it('shows a flag raised through the API without a reload, and triages it on its page', async () => {
    tab = await openTab(browser, PHONE);
    const { page } = tab;
    const { world: w } = server;
    await signIn(page, server, w.counselor, '/flags');
    expect(await heading(page)).toBe('关注上报分诊');
    await page.getByText('没有待分诊的关注上报。').waitFor();

    const flag = await raise(w.teacher, w.studentA.id, 'medium', '最近上课总是趴着，不和同学说话');
    const card = page.locator(`#new-flags li[data-flag-id="${flag.id}"]`);
    await card.waitFor({ timeout: 30_000 }); // within a poll (NEW_FLAGS_POLL_MS)
    expect(await card.locator('.badge').innerText()).toBe('中');
    expect(await card.innerText()).toContain('情绪低落或退缩');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible(page);

    await card.getByRole('link').click();
    expect(await heading(page)).toMatch(/^关注上报：/);
    await page.getByText('最近上课总是趴着，不和同学说话').waitFor();
    const decisions = await page.getByRole('group', { name: '决定' }).getByRole('radio').evaluateAll((radios) => radios.map((r) => r.getAttribute('value')));
    expect(decisions).toEqual((await flagInApi(flag.id)).allowedDecisions);
    await expectAccessible(page);
    await screenshot(page, 'flag-triage-phone');

    await page.getByRole('radio', { name: /列入观察/ }).check();
    await page.getByLabel(/说明/).fill('先观察一周，请班主任多留意');
    await page.getByRole('button', { name: '提交分诊' }).click();
    await page.getByRole('status').filter({ hasText: '已分诊，当前状态：观察中' }).waitFor();
    expect(await page.getByTestId('flag-status').innerText()).toBe('观察中');
    expect(await flagInApi(flag.id)).toMatchObject({ status: 'monitoring', teacherStatus: 'being_followed_up', triageReason: '先观察一周，请班主任多留意' });
    // The teacher's view of it: where it stands, never the counselor's words.
    const teacherView = (await server.t.http.get(`/api/v1/concern-flags/${flag.id}`).set(await as(w.teacher))).body;
    expect(teacherView.status).toBe('being_followed_up');
    expect(JSON.stringify(teacherView)).not.toContain('先观察一周');
  });

  it('keeps the choice when someone else triaged first, shows what changed, and submits again', async () => {
    tab = await openTab(browser, DESKTOP);
    const { page } = tab;
    const { world: w } = server;
    const flag = await raise(w.teacher, w.studentA.id, 'low', '作业连续两周没交');
    await signIn(page, server, w.counselor, `/flags/${flag.id}`);
    await page.getByText('作业连续两周没交').waitFor();

    // Another counselor starts a review meanwhile.
    const other = await server.t.http.post(`/api/v1/concern-flags/${flag.id}/triage`).set(await as(w.counselor)).send({ decision: 'review', version: 1 });
    expect(other.status).toBe(200);

    await page.getByRole('radio', { name: /列入观察/ }).check();
    await page.getByLabel(/说明/).fill('和家长沟通后再看');
    await page.getByRole('button', { name: '提交分诊' }).click();
    await page.getByRole('alert').filter({ hasText: '这条上报刚被别人分诊过' }).waitFor();
    await page.getByRole('alert').filter({ hasText: '现在的状态是：评估中' }).waitFor();
    expect(await page.getByTestId('flag-status').innerText()).toBe('评估中');
    expect(await page.getByRole('radio', { name: /列入观察/ }).isChecked()).toBe(true);
    expect(await page.getByLabel(/说明/).inputValue()).toBe('和家长沟通后再看');
    expect((await flagInApi(flag.id)).status).toBe('under_review');

    await page.getByRole('button', { name: '提交分诊' }).click();
    await page.getByRole('status').filter({ hasText: '当前状态：观察中' }).waitFor();
    expect((await flagInApi(flag.id)).status).toBe('monitoring');
  });

  it('opens a case from a flag, goes to the case, and the case exists in the API', async () => {
    tab = await openTab(browser, DESKTOP);
    const { page } = tab;
    const { world: w } = server;
    const flag = await raise(w.teacher2, w.studentB.id, 'high', '和同学冲突后说自己活着没意思');
    await signIn(page, server, w.counselor, '/flags');
    await page.locator(`#new-flags li[data-flag-id="${flag.id}"]`).getByRole('link').click();
    await page.getByText('和同学冲突后说自己活着没意思').waitFor();

    await page.getByRole('radio', { name: /开个案/ }).check();
    await page.getByLabel('个案初始风险等级').selectOption('high');
    await page.getByRole('button', { name: '提交分诊' }).click();
    await page.waitForURL(/\/console\/cases\/[0-9a-f-]{36}$/);
    const caseId = new URL(page.url()).pathname.split('/').pop() ?? '';

    const opened = await server.t.http.get(`/api/v1/cases/${caseId}`).set(await as(w.counselor));
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ studentId: w.studentB.id, riskLevel: 'high', ownerId: w.counselor.id, sourceType: 'concern_flag', sourceId: flag.id });
    expect((await flagInApi(flag.id)).status).toBe('case_opened');
  });

  it('is for those who triage: a class teacher has no triage menu entry', async () => {
    tab = await openTab(browser, PHONE);
    const { page } = tab;
    await signIn(page, server, server.world.teacher);
    expect(await page.getByRole('navigation').getByRole('link', { name: '关注分诊' }).count()).toBe(0);
    // The API refuses them triage whatever a page would offer.
    const flag = await raise(server.world.teacher, server.world.studentA.id, 'low', '午饭常常不吃');
    const res = await server.t.http.post(`/api/v1/concern-flags/${flag.id}/triage`).set(await as(server.world.teacher)).send({ decision: 'review', version: 1 });
    expect(res.status).toBe(403);
  });
});
