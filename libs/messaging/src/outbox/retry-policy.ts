import type { Urgency } from '../entities/outbound-message.entity.js';

interface RetryPolicy {
  maxAttempts: number;
  firstRetryMs: number;
  maxRetryMs: number;
}

/**
 * A page is retried within seconds and given up on within about two minutes, so that a phone that
 * cannot be reached is known (and the administrators told) while the alert is still young; other
 * messages are retried for about four hours.
 */
const POLICIES: Record<Urgency, RetryPolicy> = {
  page: { maxAttempts: 4, firstRetryMs: 15_000, maxRetryMs: 60_000 },
  urgent: { maxAttempts: 6, firstRetryMs: 30_000, maxRetryMs: 600_000 },
  normal: { maxAttempts: 8, firstRetryMs: 60_000, maxRetryMs: 3_600_000 },
};

export function maxAttemptsFor(urgency: Urgency): number {
  return POLICIES[urgency].maxAttempts;
}

/** The wait after the `attempts`-th failure: the first retry's delay, doubling, capped. */
export function retryDelayMs(urgency: Urgency, attempts: number): number {
  const { firstRetryMs, maxRetryMs } = POLICIES[urgency];
  return Math.min(firstRetryMs * 2 ** Math.max(0, attempts - 1), maxRetryMs);
}

/** An error's class or code only: its message may quote what was sent. */
export function errorCodeOf(error: unknown): string {
  // fetch's AbortSignal.timeout rejects with a DOMException whose numeric `code` (23) says nothing.
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  const fields = error as { responseCode?: unknown; status?: unknown; code?: unknown } | null;
  const code = fields?.responseCode ?? fields?.status ?? fields?.code;
  const raw = typeof code === 'string' || typeof code === 'number' ? String(code) : error instanceof Error ? error.name : 'unknown';
  return raw.replace(/[^A-Za-z0-9_.:-]/g, '').slice(0, 100) || 'unknown';
}
