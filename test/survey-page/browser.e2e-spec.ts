// Code passed to page.evaluate() runs in the browser: type it against the DOM.
/// <reference lib="dom" />
import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { surveyTokenHash } from '#screening';
import { bearer } from '../support/factories.js';
import { axeViolations } from '../support/browser/axe.js';
import { launchChromium } from '../support/browser/chromium.js';
import { type PageWatch, watchPage } from '../support/browser/page-watch.js';
import { type SurveyServer, startSurveyServer } from './browser/survey-server.js';
import {
  DESKTOP,
  PHONE,
  RESPONSES_OF_CAMPAIGN_SQL,
  agreeAndStart,
  answerItems,
  currentItem,
  focusIsVisible,
  progressText,
  scrollsSideways,
  tabTo,
} from './browser/survey-steps.js';

const CALM = [1, 0, 2, 1, 0, 1, 0, 0, 0]; // total 5: mild, item 9 at 0
/** Words that would tell a student they were flagged; the thank-you page uses none of them. */
const FLAGGING_WORDS = /风险|危机|预警|警报|标记|异常|得分|分数|risk|crisis|flag|alert|critical|score/i;

describe('the survey page in a real browser (Chromium)', () => {
  let server: SurveyServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let watch: PageWatch;

  const url = (token: string, query = '') => `${server.origin}/s/${token}${query}`;
  const storedResponses = (token: string) =>
    server.t.dataSource.query<{ instrumentCode: string; total: number; bandCode: string; criticalItemsHit: string[]; status: string }[]>(
      RESPONSES_OF_CAMPAIGN_SQL,
      [server.campaignId, surveyTokenHash(token)],
    );

  beforeAll(async () => {
    [server, browser] = await Promise.all([startSurveyServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
    page = await context.newPage();
    watch = watchPage(page);
  });
  afterEach(async () => {
    await context.close();
    // Every scenario: no script errors, and nothing loaded from anywhere but the server itself.
    expect(watch.errors).toEqual([]);
    expect(watch.requests.filter((r) => new URL(r).origin !== server.origin)).toEqual([]);
  });

  it('answers a PHQ-9, keeps the answers over a reload, submits once and then shows the used-link page', async () => {
    const token = server.freshToken();
    await page.goto(url(token));
    expect(await page.locator('#consent-heading').isVisible()).toBe(true);
    await agreeAndStart(page);
    expect(await progressText(page)).toBe('第 1 题，共 9 题');
    await answerItems(page, CALM.slice(0, 4));
    expect(await progressText(page)).toBe('第 5 题，共 9 题');

    await page.reload();
    expect(await progressText(page)).toBe('第 5 题，共 9 题');
    await page.locator('#back').click();
    expect(await currentItem(page).locator('input[value="1"]').isChecked()).toBe(true);
    await page.locator('#next').click();
    await answerItems(page, CALM.slice(4));

    await expect(page.locator('#review-heading').isVisible()).resolves.toBe(true);
    expect(await page.locator('#review-list dd').count()).toBe(9);
    await page.locator('#submit').click();
    await page.locator('#thanks-heading').waitFor();
    expect(await page.locator('#thanks-heading').innerText()).toBe('谢谢你完成问卷');
    expect(await page.locator('.help').innerText()).toContain('12356');
    expect(await page.evaluate(() => localStorage.length)).toBe(0);

    expect(await storedResponses(token)).toEqual([{ instrumentCode: 'phq9', total: 5, bandCode: 'mild', criticalItemsHit: [], status: 'used' }]);

    const again = await page.goto(url(token));
    expect(again?.status()).toBe(409);
    expect(await page.locator('h1').innerText()).toBe('这份问卷已经完成了');
    expect(await page.locator('.help').innerText()).toContain('12356');
  });

  it('after a critical answer shows the help resources first and prominently, without saying why', async () => {
    // The administrator configures the school's help first, through the API.
    const configured = await server.t.http
      .put('/api/v1/help-resources')
      .set({ authorization: await bearer(server.t, server.world.admin) })
      .send({ version: 1, resources: [{ nameZh: '学校心理辅导中心', nameEn: 'Counseling centre', contact: '0571-8888 1234', noteZh: '周一至周五 8:00-17:00' }] });
    expect(configured.status).toBe(200);
    const token = server.freshToken();
    await page.goto(url(token));
    await agreeAndStart(page);
    await answerItems(page, [0, 0, 0, 0, 0, 0, 0, 0, 1]);
    await page.locator('#submit').click();
    const help = page.locator('#thanks .help.prominent');
    await help.waitFor();

    expect(await help.innerText()).toContain('0571-8888 1234');
    // First thing on the thank-you page, and on screen without scrolling on a phone.
    expect(await page.evaluate(() => document.getElementById('thanks')?.firstElementChild?.id)).toBe('thanks-help');
    const box = await help.boundingBox();
    expect(box && box.y + 80 < PHONE.height).toBe(true);
    expect(await page.locator('main').innerText()).not.toMatch(FLAGGING_WORDS);
    expect((await storedResponses(token))[0].criticalItemsHit).toEqual(['item9']);
  });

  it('shows kind pages for a tampered link and for a link of another, closed campaign', async () => {
    const token = server.freshToken();
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const unknown = await page.goto(url(tampered));
    expect(unknown?.status()).toBe(404);
    expect(await page.locator('h1').innerText()).toBe('这个链接无法打开');
    expect(await page.locator('main').innerText()).toContain('12356');
    expect(await page.locator('main').innerText()).not.toMatch(/survey\.not_found|problem|error|stack/i);

    const closed = await page.goto(url(server.closedCampaignToken));
    expect(closed?.status()).toBe(410);
    expect(await page.locator('h1').innerText()).toBe('问卷现在没有开放');
    expect(await page.locator('main').innerText()).not.toMatch(/survey\.closed|problem|stack/i);
  });

  it('stores one response when submit is tapped twice quickly', async () => {
    const token = server.freshToken();
    const posts: string[] = [];
    page.on('request', (r) => r.method() === 'POST' && posts.push(r.url()));
    await page.goto(url(token));
    await agreeAndStart(page);
    await answerItems(page, CALM);
    // Two taps in the same frame, faster than any re-render could disable the button.
    await page.evaluate(() => {
      const submit = document.getElementById('submit') as HTMLButtonElement;
      submit.click();
      submit.click();
    });
    await page.locator('#thanks-heading').waitFor();
    expect(posts).toHaveLength(1);
    expect(await storedResponses(token)).toHaveLength(1);
  });

  it('refuses an answer out of range sent by a modified page (400) and says so on the page, keeping the answers', async () => {
    const token = server.freshToken();
    await page.route(`**/api/v1/survey/${token}`, async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as { answers: { phq9: Record<string, number> } };
      body.answers.phq9.item3 = 7;
      await route.continue({ postData: JSON.stringify(body) });
    });
    const answered = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.goto(url(token));
    await agreeAndStart(page);
    await answerItems(page, CALM);
    await page.locator('#submit').click();
    expect((await answered).status()).toBe(400);

    const message = page.locator('#submit-message');
    await message.waitFor();
    expect(await message.getAttribute('role')).toBe('alert');
    expect(await message.innerText()).toContain('有些回答没有被接受');
    // It names the question, so the student knows where to look.
    expect(await message.innerText()).toContain('需要检查：3. ');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('submit-message');
    expect(await page.evaluate(() => localStorage.length)).toBe(1);
    expect(await storedResponses(token)).toEqual([]);
  });

  it('can be completed by keyboard alone at 360 px, with visible focus and no sideways scrolling', async () => {
    const token = server.freshToken();
    await page.goto(url(token));
    expect(await scrollsSideways(page)).toBe(false);
    await tabTo(page, '#consent-check');
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press('Space');
    await tabTo(page, '#start');
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press('Enter');

    for (let i = 0; i < 9; i++) {
      // Tab into the options, Space picks the first, an arrow key moves the choice down.
      await tabTo(page, '[data-step="item"]:not([hidden]) input[type="radio"]');
      expect(await focusIsVisible(page)).toBe(true);
      await page.keyboard.press('Space');
      if (i % 2 === 0) await page.keyboard.press('ArrowDown');
      await tabTo(page, '#next');
      expect(await focusIsVisible(page)).toBe(true);
      expect(await scrollsSideways(page)).toBe(false);
      await page.keyboard.press('Enter');
    }
    await tabTo(page, '#submit', 60);
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('#thanks-heading').waitFor();
    expect(await storedResponses(token)).toEqual([expect.objectContaining({ total: 5, bandCode: 'mild' })]);
  });

  it('switches to English: the lang attribute, the page words and the instrument text, keeping the answers', async () => {
    const token = server.freshToken();
    await page.goto(url(token));
    await agreeAndStart(page);
    await answerItems(page, [2]);
    await page.locator('a.language').click();
    await page.waitForURL(/lang=en/);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await progressText(page)).toBe('Question 2 of 9');
    await page.locator('#back').click();
    expect(await currentItem(page).locator('legend').innerText()).toBe('1. Little interest or pleasure in doing things');
    expect(await currentItem(page).locator('input[value="2"]').isChecked()).toBe(true);
    expect(await currentItem(page).innerText()).toContain('More than half the days');
  });

  describe('accessibility (axe-core, WCAG 2.2 AA) of every step', () => {
    it('is a live check: it reports a checkbox that lost its label', async () => {
      await page.goto(url(server.freshToken()));
      await page.evaluate(() => document.querySelector('label[for="consent-check"]')?.remove());
      expect((await axeViolations(page)).join('\n')).toMatch(/^label \(critical\)/m);
    });

    it.each([
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ])('has no violations at %s size: consent, an item, review, thank-you, used and unknown links', async (_name, size) => {
      await page.setViewportSize(size);
      const token = server.freshToken();
      const found: Record<string, string[]> = {};
      const check = async (step: string) => {
        found[step] = await axeViolations(page);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
      };

      await page.goto(url(token));
      await check('consent');
      await agreeAndStart(page);
      await check('item');
      await answerItems(page, CALM);
      await check('review');
      await page.locator('#submit').click();
      await page.locator('#thanks-heading').waitFor();
      await check('thank-you');
      await page.goto(url(token));
      await check('used link');
      await page.goto(url('no-such-link'));
      await check('unknown link');

      const readable = Object.entries(found).flatMap(([step, violations]) => violations.map((v) => `[${step}] ${v}`));
      expect(readable.join('\n')).toBe('');
    });
  });

  it('at phone width renders the Chinese item step (screenshot for the README with UPDATE_SCREENSHOTS=1)', async () => {
    const token = server.freshToken();
    await page.goto(url(token));
    await agreeAndStart(page);
    await answerItems(page, [1, 0]);
    await currentItem(page).locator('label.option:has(input[value="1"])').click();
    expect(await currentItem(page).locator('legend').innerText()).toContain('3.');
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      await mkdir(new URL('./screenshots/', import.meta.url), { recursive: true });
      await page.screenshot({ path: new URL('./screenshots/survey-phone.png', import.meta.url).pathname, fullPage: false });
    }
  });
});
