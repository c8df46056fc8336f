import { errorCodeOf, maxAttemptsFor, retryDelayMs } from './retry-policy.js';

describe('retry policy', () => {
  it('retries a page within seconds and gives it up within about two minutes', () => {
    const waits = Array.from({ length: maxAttemptsFor('page') - 1 }, (_, i) => retryDelayMs('page', i + 1));
    expect(waits).toEqual([15_000, 30_000, 60_000]);
    expect(waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(120_000);
  });

  it('doubles a normal message from a minute up to an hour', () => {
    expect([1, 2, 3, 7, 8, 20].map((n) => retryDelayMs('normal', n))).toEqual([60_000, 120_000, 240_000, 3_600_000, 3_600_000, 3_600_000]);
  });

  it('keeps an SMTP or HTTP status, or the error class, and nothing of a message', () => {
    expect(errorCodeOf(Object.assign(new Error('550 no such user 张三@x'), { responseCode: 550 }))).toBe('550');
    expect(errorCodeOf(Object.assign(new Error('boom'), { status: 503 }))).toBe('503');
    expect(errorCodeOf(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
    expect(errorCodeOf(new TypeError('secret text'))).toBe('TypeError');
    expect(errorCodeOf('just a string')).toBe('unknown');
    expect(errorCodeOf(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))).toBe('timeout');
  });
});
