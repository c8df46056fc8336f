import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { FIELD_KEY_BYTES, KEY_ID_PATTERN, type KeyRing } from './key-ring.js';

/**
 * Where a value is stored. It is authenticated along with the value, so a ciphertext copied to
 * another row, column or table does not decrypt there.
 */
export interface FieldBinding {
  table: string;
  column: string;
  /** The row's id exactly as PostgreSQL prints it (lowercase for a uuid). */
  rowId: string;
}

export type FieldDecryptionFailure = 'malformed' | 'unknown_key' | 'not_authentic';

const FAILURE_MESSAGES: Record<FieldDecryptionFailure, string> = {
  malformed: 'The stored value is not an encrypted field value',
  unknown_key: 'The stored value was encrypted with a key that is not in the key ring',
  not_authentic: 'The stored value does not authenticate: it was altered or belongs to another row or column',
};

/** Why a stored value could not be decrypted; never carries plaintext, ciphertext or keys. */
export class FieldDecryptionError extends Error {
  constructor(readonly reason: FieldDecryptionFailure) {
    super(FAILURE_MESSAGES[reason]);
    this.name = 'FieldDecryptionError';
  }
}

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

interface StoredParts {
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/**
 * AES-256-GCM for single text fields, stored as `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url).
 * The key id in the value lets keys rotate: old values decrypt until they are re-encrypted.
 */
export class FieldCipher {
  // A private field, so logging or inspecting the cipher never shows the keys.
  readonly #keys: ReadonlyMap<string, Buffer>;
  readonly #activeKey: Buffer;
  readonly activeKeyId: string;

  constructor(ring: KeyRing) {
    for (const [id, key] of ring.keys) {
      if (!KEY_ID_PATTERN.test(id)) throw new RangeError('A field encryption key id is not 1-32 of a-z, 0-9 and -');
      if (key.length !== FIELD_KEY_BYTES) throw new RangeError(`Field encryption key "${id}" is not ${FIELD_KEY_BYTES} bytes`);
    }
    const activeKey = ring.keys.get(ring.activeKeyId);
    if (!activeKey) throw new RangeError(`The active field encryption key "${ring.activeKeyId}" is not in the key ring`);
    // Copies, so a caller that reuses or zeroes its buffers cannot change the keys underneath.
    this.#keys = new Map([...ring.keys].map(([id, key]) => [id, Buffer.from(key)]));
    this.#activeKey = Buffer.from(activeKey);
    this.activeKeyId = ring.activeKeyId;
  }

  encrypt(plaintext: string, binding: FieldBinding): string {
    // UTF-8 would silently turn a lone surrogate into U+FFFD; clinical text must come back exactly.
    if (/\p{Surrogate}/u.test(plaintext)) throw new TypeError('The plaintext is not well-formed Unicode');
    if (!binding.table || !binding.column || !binding.rowId) throw new TypeError('A field binding needs a table, a column and a row id');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#activeKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(binding));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const segments = [iv, ciphertext, cipher.getAuthTag()].map((bytes) => bytes.toString('base64url'));
    return [VERSION, this.activeKeyId, ...segments].join('.');
  }

  /** @throws FieldDecryptionError when the value is malformed, altered, misplaced or under an unknown key. */
  decrypt(stored: string, binding: FieldBinding): string {
    const { keyId, iv, ciphertext, tag } = parseStored(stored);
    const key = this.#keys.get(keyId);
    if (!key) throw new FieldDecryptionError('unknown_key');
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(binding));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new FieldDecryptionError('not_authentic');
    }
  }

  /** @throws FieldDecryptionError when the value is malformed. */
  keyIdOf(stored: string): string {
    return parseStored(stored).keyId;
  }

  /** True when the value is under a key other than the active one. */
  needsReencryption(stored: string): boolean {
    return this.keyIdOf(stored) !== this.activeKeyId;
  }
}

function parseStored(stored: string): StoredParts {
  const parts = stored.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION || !KEY_ID_PATTERN.test(parts[1])) throw new FieldDecryptionError('malformed');
  const [iv, ciphertext, tag] = parts.slice(2).map(decodeSegment);
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new FieldDecryptionError('malformed');
  return { keyId: parts[1], iv, ciphertext, tag };
}

/**
 * Node's decoder skips stray characters and ignores trailing bits; insisting on the canonical
 * encoding means any edit of the stored text is refused, not quietly decoded to the same bytes.
 */
function decodeSegment(text: string): Buffer {
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.toString('base64url') !== text) throw new FieldDecryptionError('malformed');
  return bytes;
}

/** Length-prefixed fields, so ("ab", "c") and ("a", "bc") can never encode alike. */
function associatedData({ table, column, rowId }: FieldBinding): Buffer {
  return Buffer.concat(
    [VERSION, table, column, rowId].flatMap((field) => {
      const bytes = Buffer.from(field, 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32BE(bytes.length);
      return [length, bytes];
    }),
  );
}
