import type { Page } from 'playwright-core';

/** A navigation answered 4xx on purpose (a kind page, a refused answer) logs this; it is not a script error. */
const EXPECTED_STATUS_LOG = /^Failed to load resource: the server responded with a status of (400|404|409|410)\b/;

export interface PageWatch {
  /** Uncaught exceptions and console errors, except the logs of expected 4xx answers. */
  errors: string[];
  /** Every URL the page asked for, the page itself included. */
  requests: string[];
  /** URLs whose failed answers are part of the page's design (a 401 of a session check), not errors; a test may add its own. */
  expectedFailures: RegExp[];
}

/**
 * Records what a page does that a test may want to forbid: script errors and requests.
 * `expectedFailures`: see PageWatch.
 */
export function watchPage(page: Page, options: { expectedFailures?: RegExp[] } = {}): PageWatch {
  const watch: PageWatch = { errors: [], requests: [], expectedFailures: [...(options.expectedFailures ?? [])] };
  page.on('pageerror', (error) => watch.errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error' || EXPECTED_STATUS_LOG.test(message.text())) return;
    if (watch.expectedFailures.some((url) => url.test(message.location().url)) && /^Failed to load resource/.test(message.text())) return;
    watch.errors.push(`console: ${message.text()}`);
  });
  page.on('request', (request) => watch.requests.push(request.url()));
  return watch;
}
