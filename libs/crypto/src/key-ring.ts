import { createHash } from 'node:crypto';

/** AES-256 keys are 32 bytes. */
export const FIELD_KEY_BYTES = 32;

/** Key ids travel inside every stored value, so they must never contain the `.` separator. */
export const KEY_ID_PATTERN = /^[a-z0-9-]{1,32}$/;

/** The keys that can decrypt stored values, and the one new values are encrypted with. */
export interface KeyRing {
  keys: ReadonlyMap<string, Buffer>;
  activeKeyId: string;
}

export const DEVELOPMENT_KEY_ID = 'dev';

/**
 * A fixed, publicly known key so `npm start` and the tests need no configuration. It protects
 * nothing: production refuses to start without real keys and refuses this one.
 */
export function developmentKeyRing(): KeyRing {
  const key = createHash('sha256').update('campus-care development field key - NOT SECRET, never use in production').digest();
  return { keys: new Map([[DEVELOPMENT_KEY_ID, key]]), activeKeyId: DEVELOPMENT_KEY_ID };
}

// Standard or URL-safe base64, optionally padded: what `openssl rand -base64 32` prints.
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * Parses `keyId:base64key,keyId:base64key`. Errors name the entry by position only, so a
 * key pasted into the wrong place is never echoed back into a log.
 */
export function parseKeyList(raw: string): { keys: Map<string, Buffer> } | { error: string } {
  const keys = new Map<string, Buffer>();
  const entries = raw.split(',').map((entry) => entry.trim());
  for (const [index, entry] of entries.entries()) {
    const position = `entry ${index + 1}`;
    const separator = entry.indexOf(':');
    if (separator < 0) return { error: `${position} is not of the form keyId:base64key` };
    const id = entry.slice(0, separator).trim();
    const encoded = entry.slice(separator + 1).trim();
    if (!KEY_ID_PATTERN.test(id)) return { error: `${position} has a key id that is not 1-32 of a-z, 0-9 and -` };
    if (keys.has(id)) return { error: `${position} repeats a key id` };
    const key = BASE64.test(encoded) ? Buffer.from(encoded, 'base64') : undefined;
    if (key?.length !== FIELD_KEY_BYTES) return { error: `${position} is not ${FIELD_KEY_BYTES} bytes of base64` };
    keys.set(id, key);
  }
  return { keys };
}
