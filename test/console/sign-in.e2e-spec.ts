// Code passed to page.evaluate() runs in the browser: type it against the DOM.
/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { CONSOLE_BUILD_DIR, ManualClock, SELF_ONLY_PAGE_CSP } from '#core';
import { bearer } from '../support/factories.js';
import { launchChromium } from '../support/browser/chromium.js';
import { type ConsoleServer, startConsoleServer } from './support/console-server.js';
import { type ConsoleTab, closeTab, expectAccessible, heading, openTab, PHONE, screenshot, signIn, waitUntil } from './support/console-steps.js';

const MINUTE = 60_000;

describe('the staff console: sign-in, session and the first page (Chromium)', () => {
  const clock = new ManualClock(new Date());
  let server: ConsoleServer;
  let browser: Browser;
  let tab: ConsoleTab;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer({ clock }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    clock.set(new Date());
    tab = await openTab(browser, PHONE);
  });
  afterEach(async () => closeTab(tab, server));

  it('is served at /console from its own files under the survey page\'s CSP, and within its size budget', async () => {
    const page = await server.t.http.get('/console/cases/anything');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(SELF_ONLY_PAGE_CSP);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    const scripts = [...page.text.matchAll(/src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      expect(src).toMatch(/^\/console\/assets\//);
      const file = await server.t.http.get(src);
      expect(file.status).toBe(200);
      expect(file.headers['cache-control']).toContain('immutable');
    }
    expect((await server.t.http.get('/console/assets/missing.js')).status).toBe(404);

    const report = JSON.parse(readFileSync(`${CONSOLE_BUILD_DIR}/bundle-report.json`, 'utf8')) as { firstLoadGzipBytes: number };
    expect(report.firstLoadGzipBytes).toBeLessThan(300 * 1024);
  });

  it('signs in with 用户名 / 密码 / 登录, keeps no token where a script could read it, and survives a reload', async () => {
    const { page } = tab;
    await page.goto(server.url());
    await expectAccessible(page);
    await screenshot(page, 'sign-in-phone');
    await page.getByLabel('用户名').fill(server.world.counselor.username);
    await page.getByLabel('密码').fill('not the password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').filter({ hasText: '用户名或密码不正确' }).waitFor();

    await page.getByLabel('密码').fill(server.world.counselor.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('navigation').waitFor();
    expect(await heading(page)).toBe('今日工作');
    await expectAccessible(page);

    const stored = await page.evaluate(() => ({ local: JSON.stringify({ ...localStorage }), session: sessionStorage.length, cookie: document.cookie }));
    expect(stored.local).not.toMatch(/eyJ|token/i);
    expect(stored.session).toBe(0);
    expect(stored.cookie).toBe(''); // the refresh cookie is httpOnly
    const [cookie] = await tab.context.cookies();
    expect(cookie).toMatchObject({ name: 'cc_console_refresh', httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth/session' });

    await page.reload();
    expect(await heading(page)).toBe('今日工作');
    expect(await page.getByLabel('用户名').count()).toBe(0);
  });

  it('switches to English and back, every text from the dictionary', async () => {
    const { page } = tab;
    await signIn(page, server, server.world.counselor);
    await page.getByRole('button', { name: 'English' }).click();
    expect(await heading(page)).toBe('Today');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    expect(await heading(page)).toBe('Today');
    await page.getByRole('button', { name: '中文' }).click();
    expect(await heading(page)).toBe('今日工作');
  });

  it('refreshes an expired access token silently, and signs out when the session has ended', async () => {
    const { page } = tab;
    await signIn(page, server, server.world.counselor);
    const refreshes = () => tab.watch.requests.filter((url) => url.endsWith('/api/v1/auth/session/refresh')).length;
    const before = refreshes();

    // The token expires on the server's clock: the next poll is refused, refreshed and sent again.
    tab.watch.expectedFailures.push(/\/api\/v1\//);
    clock.advance(20 * MINUTE);
    await waitUntil('the console refreshed its token', () => refreshes() > before);
    expect(await heading(page)).toBe('今日工作');

    // The session is ended elsewhere (an administrator, a stolen-token alarm): the console signs out.
    await server.t.dataSource.query('UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1', [server.world.counselor.id]);
    clock.advance(20 * MINUTE);
    await page.getByRole('alert').filter({ hasText: '请重新登录' }).waitFor({ timeout: 15_000 });
    expect(await page.getByLabel('用户名').isVisible()).toBe(true);
  });

  it('signs out: the cookie is cleared and a reload asks for the password again', async () => {
    const { page } = tab;
    await signIn(page, server, server.world.counselor);
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByLabel('用户名').waitFor();
    await page.reload();
    await page.getByLabel('用户名').waitFor();
    expect(await tab.context.cookies()).toEqual([]);
  });

  it('shows a new alert without a reload, with its deadline counting down, and acknowledges it with a note', async () => {
    const { page } = tab;
    await signIn(page, server, server.world.counselor);
    await page.getByText('没有待确认的预警。').waitFor();

    const raised = await server.t.http
      .post('/api/v1/concern-flags')
      .set({ authorization: await bearer(server.t, server.world.teacher) })
      .send({
        studentId: server.world.studentA.id,
        category: 'self_harm_or_suicide_talk',
        severity: 'urgent',
        observedAt: new Date(clock.now().getTime() - MINUTE).toISOString(),
        observation: '课间说不想活了，情绪很低落',
      });
    expect(raised.status).toBe(201);

    const card = page.locator('#open-alerts li').first();
    await card.waitFor({ timeout: 15_000 });
    expect(await card.locator('.badge').innerText()).toBe('危急');
    expect(await card.locator('.countdown').innerText()).toMatch(/^还剩 \d+分钟$/);
    await expectAccessible(page);
    await screenshot(page, 'today-alert-phone');

    await card.getByRole('button', { name: '确认处理' }).click();
    await card.getByLabel(/做了什么/).fill('已电话联系家长，学生在家安全');
    await card.getByRole('button', { name: '确认', exact: true }).click();
    await page.getByText('没有待确认的预警。').waitFor();

    const [alert] = await server.t.dataSource.query<{ status: string; acknowledged_by: string }[]>(
      'SELECT status, acknowledged_by FROM alerts WHERE student_id = $1',
      [server.world.studentA.id],
    );
    expect(alert).toEqual({ status: 'acknowledged', acknowledged_by: server.world.counselor.id });
  });

  it('answers a path of its own that does not exist with the not-found page', async () => {
    const { page } = tab;
    await signIn(page, server, server.world.counselor, '/no/such/page');
    expect(await heading(page)).toBe('找不到这个页面');
    await expectAccessible(page);
  });
});
