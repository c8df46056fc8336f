// Code passed to page.evaluate() runs in the browser: type it against the DOM.
/// <reference lib="dom" />
import { mkdir } from 'node:fs/promises';
import { jest } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestUser } from '../../support/factories.js';
import { axeViolations } from '../../support/browser/axe.js';
import { type PageWatch, watchPage } from '../../support/browser/page-watch.js';
import type { ConsoleServer } from './console-server.js';

// A browser scenario clicks through several pages against a real server; on a loaded 2-core CI
// machine one can take far longer than an API test. Every console test file imports this module.
jest.setTimeout(120_000);

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };

export interface ConsoleTab {
  context: BrowserContext;
  page: Page;
  watch: PageWatch;
}

/** A fresh browser profile (no cookie, no storage) at the given size, Chinese first. */
export async function openTab(browser: Browser, viewport = DESKTOP, locale = 'zh-CN'): Promise<ConsoleTab> {
  const context = await browser.newContext({ viewport, locale });
  const page = await context.newPage();
  // Opening the console asks whether a session cookie is there (without one the answer is 401), and a wrong password is a 401 too.
  return { context, page, watch: watchPage(page, { expectedFailures: [/\/api\/v1\/auth\/session(\/refresh)?$/] }) };
}

/** What every test asks of every tab at its end: no script error, nothing asked of another origin. */
export async function closeTab(tab: ConsoleTab, server: ConsoleServer): Promise<void> {
  await tab.context.close();
  expect(tab.watch.errors).toEqual([]);
  expect(tab.watch.requests.filter((url) => new URL(url).origin !== server.origin)).toEqual([]);
}

/** Signs in through the sign-in page, as a person would, and waits for the menu. */
export async function signIn(page: Page, server: ConsoleServer, user: TestUser, path = '/'): Promise<void> {
  await page.goto(server.url(path));
  await page.getByLabel('用户名').fill(user.username);
  await page.getByLabel('密码').fill(user.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('navigation').waitFor();
}

/** WCAG 2.2 AA: no serious or critical violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await axeViolations(page, { impacts: ['serious', 'critical'] })).toEqual([]);
}

/** With UPDATE_SCREENSHOTS=1, saves the page for the README (test/console/screenshots/). */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  const dir = new URL('../screenshots/', import.meta.url);
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, dir).pathname, fullPage: false });
}

/** The page's main heading, once shown. */
export async function heading(page: Page): Promise<string> {
  const h1 = page.locator('main h1').first();
  await h1.waitFor();
  return h1.innerText();
}

/** Waits until `check` holds, asking every 100 ms; fails with `what` after `timeoutMs`. */
export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
