import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const CHROMIUM_PATH = '/usr/bin/chromium';
/** The target: the first page usable within a second on the loopback. */
export const CONSOLE_FIRST_LOAD_TARGET_MS = 1_000;

export interface ConsoleLoadReport {
  rounds: number;
  /** Navigation to the sign-in form ready for input, cold browser cache each round. */
  signInPageMs: number[];
  /** The sign-in button pressed to the Today page with its alerts shown. */
  todayAfterSignInMs: number[];
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * A counselor opening the console in a fresh browser profile (nothing cached), `rounds` times:
 * how long until the sign-in form takes input, and from 登录 to the Today page with its data.
 */
export async function measureConsoleLoad(appUrl: string, user: { username: string; password: string }, rounds: number): Promise<ConsoleLoadReport> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`console-first-load needs Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const report: ConsoleLoadReport = { rounds, signInPageMs: [], todayAfterSignInMs: [] };
  try {
    for (let round = 0; round < rounds; round++) {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const opened = performance.now();
      await page.goto(`${appUrl}/console`);
      await page.getByLabel('用户名').waitFor();
      report.signInPageMs.push(performance.now() - opened);

      await page.getByLabel('用户名').fill(user.username);
      await page.getByLabel('密码').fill(user.password);
      const submitted = performance.now();
      await page.getByRole('button', { name: '登录' }).click();
      await page.locator('#alerts-title .count').filter({ hasText: /\d/ }).waitFor();
      report.todayAfterSignInMs.push(performance.now() - submitted);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return report;
}
