import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Debian's Chromium, headless, with nothing talking to the network on its own (so that every
 * request a test sees comes from the page). Missing Chromium fails loudly: skipping is not allowed.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM_PATH}: install it with ` +
        '`sudo apt-get update && sudo apt-get install -y chromium fonts-wqy-microhei` (.ci/run does this in CI).',
    );
  }
  const runsAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      ...(runsAsRoot ? ['--no-sandbox'] : []),
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-default-apps',
      '--disable-sync',
      '--metrics-recording-only',
      '--no-first-run',
      '--disable-domain-reliability',
      '--disable-client-side-phishing-detection',
    ],
  });
}
