import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// The Standard Webhooks scheme (https://www.standardwebhooks.com/): `webhook-signature` carries
// space-separated `v1,<base64 HMAC-SHA256(key, "<id>.<unix seconds>.<body>")>` entries, one per
// key the sender signs with, so a receiver can rotate keys without a gap.

/** The three headers of one signed delivery. */
export type WebhookSignatureHeaders = Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string>;

/** Request headers as node:http hands them over (lower-case names), a plain record, or fetch's Headers. */
export type ReceivedWebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

export interface WebhookToSign {
  /** Unique per message and kept across retries: receivers deduplicate on it. */
  id: string;
  timestamp: Date;
  /** The body exactly as sent; a string is signed as its UTF-8 bytes. */
  body: string | Uint8Array;
}

/** How far a delivery's timestamp may lie from the receiver's clock, either way (the spec's default). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

const SECRET_PREFIX = 'whsec_';
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// Printable ASCII without spaces: the id is a header value and a part of the signed content.
const MESSAGE_ID = /^[\x21-\x7e]+$/;

/** A new secret for a school's endpoint: `whsec_` and the base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/**
 * The HMAC key of a secret. A `whsec_` secret holds the base64 of 24 to 64 bytes; any other string
 * (an SMS gateway's shared key) is used as its UTF-8 bytes. The official `standardwebhooks` package
 * would read such a string as base64 instead: give it these bytes with `{ format: 'raw' }`.
 * Throws on an empty or malformed secret, without quoting it.
 */
export function webhookSecretBytes(secret: string): Buffer {
  if (secret.startsWith(SECRET_PREFIX)) {
    const encoded = secret.slice(SECRET_PREFIX.length);
    const bytes = Buffer.from(encoded, 'base64');
    if (!STRICT_BASE64.test(encoded) || bytes.length < 24 || bytes.length > 64) {
      throw new Error(`A webhook secret starting with ${SECRET_PREFIX} must continue with the base64 of 24 to 64 bytes`);
    }
    return bytes;
  }
  if (secret.trim() === '') throw new Error('A webhook secret must not be empty');
  return Buffer.from(secret, 'utf8');
}

/** The headers that sign `body` as message `id` sent at `timestamp`. */
export function signWebhook(secret: string, { id, timestamp, body }: WebhookToSign): WebhookSignatureHeaders {
  if (!MESSAGE_ID.test(id)) throw new Error('A webhook id must be a non-empty string of printable ASCII without spaces');
  const seconds = Math.floor(timestamp.getTime() / 1000);
  if (!Number.isSafeInteger(seconds) || seconds < 0) throw new Error('A webhook timestamp must be a valid date');
  return {
    'webhook-id': id,
    'webhook-timestamp': String(seconds),
    'webhook-signature': `v1,${signature(webhookSecretBytes(secret), id, seconds, body)}`,
  };
}

/**
 * True when the delivery carries a `v1` signature by one of `secrets` (several while a key is
 * rotated) over exactly these body bytes, and its timestamp lies within `toleranceSeconds` of
 * `now`. A missing or malformed header is false; an empty or malformed secret is the receiver's
 * misconfiguration and throws.
 */
export function verifyWebhook(
  secrets: readonly string[],
  headers: ReceivedWebhookHeaders,
  body: string | Uint8Array,
  now: Date,
  toleranceSeconds = WEBHOOK_TOLERANCE_SECONDS,
): boolean {
  if (secrets.length === 0) throw new Error('verifyWebhook needs at least one secret');
  const keys = secrets.map(webhookSecretBytes);
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (id === undefined || timestamp === undefined || signatures === undefined || !/^\d{1,15}$/.test(timestamp)) return false;
  const seconds = Number(timestamp);
  if (Math.abs(Math.floor(now.getTime() / 1000) - seconds) > toleranceSeconds) return false;

  const offered = signatures.split(' ').filter((entry) => entry.startsWith('v1,'));
  let matched = false;
  for (const key of keys) {
    const expected = Buffer.from(`v1,${signature(key, id, seconds, body)}`);
    for (const entry of offered) {
      const candidate = Buffer.from(entry);
      // No early exit: every pair is compared, in constant time.
      if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) matched = true;
    }
  }
  return matched;
}

function signature(key: Buffer, id: string, seconds: number, body: string | Uint8Array): string {
  return createHmac('sha256', key).update(`${id}.${seconds}.`, 'utf8').update(body).digest('base64');
}

/** One header's single value; a repeated header counts as missing. */
function header(headers: ReceivedWebhookHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = name in headers ? name : Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
