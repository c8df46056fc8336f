// Code passed to page.evaluate() runs in the browser: type it against the DOM.
/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { bearer } from '../support/factories.js';
import { launchChromium } from '../support/browser/chromium.js';
import { focusIsVisible, tabTo } from '../support/browser/keyboard.js';
import { type ConsoleServer, startConsoleServer } from './support/console-server.js';
import { type ConsoleTab, closeTab, expectAccessible, heading, openTab, PHONE } from './support/console-steps.js';

/** Whether the focused element is the one with this accessible text (label, or its own text). */
const focusedText = (tab: ConsoleTab) =>
  tab.page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return '';
    const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
    return (label ?? el.textContent ?? '').trim();
  });

/** Tab until the focused element's text matches, each stop on the page with a visible focus (past the end, Tab leaves the page). */
async function tabToText(tab: ConsoleTab, text: RegExp, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await tab.page.keyboard.press('Tab');
    const onPage = await tab.page.evaluate(() => document.activeElement !== null && document.activeElement !== document.body);
    if (onPage) expect(await focusIsVisible(tab.page)).toBe(true);
    if (text.test(await focusedText(tab))) return;
  }
  throw new Error(`Tab never reached ${text}`);
}

describe('the staff console with the keyboard only, at 360 px (Chromium)', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let tab: ConsoleTab;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    tab = await openTab(browser, PHONE);
  });
  afterEach(async () => closeTab(tab, server));

  it('signs in, skips to the content, acknowledges an alert and moves through the menu without a mouse', async () => {
    const { page } = tab;
    await page.goto(server.url());
    await page.getByLabel('用户名').waitFor();
    await tabTo(page, 'input[name="username"]');
    await page.keyboard.type(server.world.counselor.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(server.world.counselor.password);
    await page.keyboard.press('Enter');
    await page.getByRole('navigation').waitFor();
    expect(await heading(page)).toBe('今日工作');

    // The first Tab of a page reaches the skip link, which moves focus past the menu.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Tab');
    expect(await focusedText(tab)).toBe('跳到正文');
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    const raised = await server.t.http
      .post('/api/v1/concern-flags')
      .set({ authorization: await bearer(server.t, server.world.teacher) })
      .send({ studentId: server.world.studentA.id, category: 'bullying_victim', severity: 'urgent', observedAt: new Date(Date.now() - 60_000).toISOString(), observation: '被同学围堵，书包被扔进水池' });
    expect(raised.status).toBe(201);
    await page.locator('#open-alerts li').first().waitFor({ timeout: 20_000 });

    await tabToText(tab, /^确认处理$/);
    await page.keyboard.press('Enter');
    // The note field takes the focus at once.
    expect(await focusedText(tab)).toMatch(/^做了什么/);
    await page.keyboard.type('已找到学生，安排在心理室休息');
    await tabToText(tab, /^确认$/);
    await page.keyboard.press('Enter');
    await page.getByText('没有待确认的预警。').waitFor();
    const [alert] = await server.t.dataSource.query<{ status: string }[]>('SELECT status FROM alerts WHERE student_id = $1', [server.world.studentA.id]);
    expect(alert.status).toBe('acknowledged');

    // The menu: from the top of the page, Tab to 个案 and open it.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabToText(tab, /^个案$/);
    await page.keyboard.press('Enter');
    expect(await heading(page)).toBe('个案');
    await expectAccessible(page);
  });
});
