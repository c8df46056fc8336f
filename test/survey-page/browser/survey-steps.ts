// Code passed to page.evaluate() runs in the browser: type it against the DOM.
/// <reference lib="dom" />
import type { Page } from 'playwright-core';

export { focusIsVisible, tabTo } from '../../support/browser/keyboard.js';

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 900 };

/** The item step on screen, as the script shows one at a time. */
export const currentItem = (page: Page) => page.locator('[data-step="item"]:not([hidden])');

export async function agreeAndStart(page: Page): Promise<void> {
  await page.locator('label[for="consent-check"]').click();
  await page.locator('#start').click();
}

/** Picks the option worth `value` on the item shown (by its visible label) and goes on. */
export async function answerCurrentItem(page: Page, value: number): Promise<void> {
  const item = currentItem(page);
  await item.locator(`label.option:has(input[value="${value}"])`).click();
  await page.locator('#next').click();
}

/** Answers PHQ-9 items from the one shown, a value per item. */
export async function answerItems(page: Page, values: number[]): Promise<void> {
  for (const value of values) await answerCurrentItem(page, value);
}

export const progressText = (page: Page) => page.locator('#progress').innerText();

/** The rows the server stored for a link: its responses, joined through the invitation. */
export const RESPONSES_OF_CAMPAIGN_SQL = `SELECT r.instrument_code AS "instrumentCode", r.total, r.band_code AS "bandCode", r.critical_items_hit AS "criticalItemsHit", i.status
   FROM screening_responses r JOIN screening_invitations i ON i.id = r.invitation_id
  WHERE r.campaign_id = $1 AND i.token_hash = $2`;

/** True when the page scrolls sideways (it must not at 360 px). */
export const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
