import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { FieldCipher, FieldDecryptionError, type FieldBinding } from './field-cipher.js';

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const binding: FieldBinding = { table: 'case_notes', column: 'body', rowId: '5b0e8a44-3c1f-4f57-9b55-0c4f3a1f2e10' };

function cipherWith(activeKeyId: 'a' | 'b', keys: Record<string, Buffer> = { a: keyA, b: keyB }): FieldCipher {
  return new FieldCipher({ keys: new Map(Object.entries(keys)), activeKeyId });
}

/** Replaces one base64url segment (2 = iv, 3 = ciphertext, 4 = tag) with a one-bit-different one. */
function flipBitIn(stored: string, segment: 2 | 3 | 4): string {
  const parts = stored.split('.');
  const bytes = Buffer.from(parts[segment], 'base64url');
  bytes[0] ^= 0x01;
  parts[segment] = bytes.toString('base64url');
  return parts.join('.');
}

function expectFailure(action: () => unknown, reason: FieldDecryptionError['reason']): void {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(FieldDecryptionError);
  expect((thrown as FieldDecryptionError).reason).toBe(reason);
}

describe('FieldCipher', () => {
  const cipher = cipherWith('a');

  it.each([
    ['English text', 'Student reports trouble sleeping since the exam.'],
    ['Chinese text', '学生自述考试后失眠，情绪低落，已与班主任沟通。'],
    ['emoji and newlines', 'line 1\nline 2 😔\t'],
    ['the empty string', ''],
  ])('round-trips %s', (_label, plaintext) => {
    expect(cipher.decrypt(cipher.encrypt(plaintext, binding), binding)).toBe(plaintext);
  });

  it('stores v1.<keyId>.<iv>.<ciphertext>.<tag> with a fresh 96-bit IV every time', () => {
    const first = cipher.encrypt('same text', binding);
    const second = cipher.encrypt('same text', binding);
    expect(first).toMatch(/^v1\.a\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(first.split('.')[2]).not.toBe(second.split('.')[2]);
    expect(first).not.toBe(second);
  });

  it.each([
    ['another table', { ...binding, table: 'session_notes' }],
    ['another column', { ...binding, column: 'summary' }],
    ['another row', { ...binding, rowId: '5b0e8a44-3c1f-4f57-9b55-0c4f3a1f2e11' }],
    ['the same characters split differently', { table: 'case_note', column: 'sbody', rowId: binding.rowId }],
  ])('refuses a value read back as if stored in %s', (_label, elsewhere) => {
    const stored = cipher.encrypt('private', binding);
    expectFailure(() => cipher.decrypt(stored, elsewhere), 'not_authentic');
  });

  it.each([
    ['iv', 2],
    ['ciphertext', 3],
    ['tag', 4],
  ] as const)('refuses a tampered %s', (_label, segment) => {
    const stored = cipher.encrypt('private', binding);
    expectFailure(() => cipher.decrypt(flipBitIn(stored, segment), binding), 'not_authentic');
  });

  it('refuses any edit of the stored text, even one that decodes to the same bytes', () => {
    const stored = cipher.encrypt('private', binding);
    const tag = stored.split('.')[4];
    // The last of a 16-byte tag's 22 characters carries 4 unused bits, which a lenient decoder ignores.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sameBytesTag = tag.slice(0, -1) + alphabet[alphabet.indexOf(tag.slice(-1)) ^ 1];
    expect(Buffer.from(sameBytesTag, 'base64url')).toEqual(Buffer.from(tag, 'base64url'));
    expectFailure(() => cipher.decrypt(`${stored.slice(0, -tag.length)}${sameBytesTag}`, binding), 'malformed');
  });

  it.each([
    ['not encrypted at all', 'plain text'],
    ['an unknown version', 'v2.a.AAAAAAAAAAAAAAAA..AAAAAAAAAAAAAAAAAAAAAA'],
    ['too few segments', 'v1.a.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA'],
    ['a short IV', 'v1.a.AAAA..AAAAAAAAAAAAAAAAAAAAAA'],
    ['a short tag', 'v1.a.AAAAAAAAAAAAAAAA..AAAA'],
    ['a bad key id', 'v1.A_B.AAAAAAAAAAAAAAAA..AAAAAAAAAAAAAAAAAAAAAA'],
    ['non-base64 characters', 'v1.a.AAAAAAAAAAAAAAA*..AAAAAAAAAAAAAAAAAAAAAA'],
  ])('refuses a malformed value: %s', (_label, stored) => {
    expectFailure(() => cipher.decrypt(stored, binding), 'malformed');
    expectFailure(() => cipher.keyIdOf(stored), 'malformed');
  });

  it('refuses a value under a key id it does not hold', () => {
    const stored = cipherWith('b').encrypt('private', binding);
    expectFailure(() => cipherWith('a', { a: keyA }).decrypt(stored, binding), 'unknown_key');
  });

  it('refuses a value whose key id was rewritten to another key it holds', () => {
    const stored = cipher.encrypt('private', binding).replace(/^v1\.a\./, 'v1.b.');
    expectFailure(() => cipher.decrypt(stored, binding), 'not_authentic');
  });

  it('keeps plaintext, stored values and keys out of its errors and out of inspection', () => {
    const stored = cipher.encrypt('自伤风险 self-harm risk', binding);
    const failures: unknown[] = [];
    for (const attempt of [
      () => cipher.decrypt(stored, { ...binding, rowId: 'x' }),
      () => cipher.decrypt(flipBitIn(stored, 3), binding),
      () => cipherWith('a', { a: keyA }).decrypt(cipherWith('b').encrypt('x', binding), binding),
      () => cipher.decrypt(`${stored}!`, binding),
    ]) {
      try {
        attempt();
      } catch (error) {
        failures.push(error);
      }
    }
    expect(failures).toHaveLength(4);
    const shown = [...failures.map((e) => `${inspect(e)} ${JSON.stringify(e)}`), inspect(cipher), JSON.stringify(cipher)].join('\n');
    for (const secret of ['自伤', 'self-harm', stored.split('.')[3], keyA.toString('base64'), keyA.toString('hex'), keyA.toString('base64url')]) {
      expect(shown).not.toContain(secret);
    }
  });

  it('rotates: values under an older key still decrypt and are flagged for re-encryption', () => {
    const underA = cipherWith('a').encrypt('before rotation', binding);
    const rotated = cipherWith('b');
    expect(rotated.decrypt(underA, binding)).toBe('before rotation');
    expect(rotated.keyIdOf(underA)).toBe('a');
    expect(rotated.needsReencryption(underA)).toBe(true);

    const underB = rotated.encrypt('after rotation', binding);
    expect(rotated.keyIdOf(underB)).toBe('b');
    expect(rotated.needsReencryption(underB)).toBe(false);
  });

  it('refuses a key ring whose active key is missing or whose keys are not 32 bytes', () => {
    expect(() => new FieldCipher({ keys: new Map([['a', keyA]]), activeKeyId: 'b' })).toThrow(/not in the key ring/);
    expect(() => new FieldCipher({ keys: new Map([['a', randomBytes(16)]]), activeKeyId: 'a' })).toThrow(/32 bytes/);
    expect(() => new FieldCipher({ keys: new Map([['A.B', keyA]]), activeKeyId: 'A.B' })).toThrow(/key id/);
  });

  it('does not change when the caller later overwrites its key buffer', () => {
    const key = Buffer.from(keyA);
    const own = new FieldCipher({ keys: new Map([['a', key]]), activeKeyId: 'a' });
    const stored = own.encrypt('kept', binding);
    key.fill(0);
    expect(own.decrypt(stored, binding)).toBe('kept');
  });

  it('refuses to encrypt text that UTF-8 cannot carry exactly, or without a full binding', () => {
    expect(() => cipher.encrypt('broken \ud800 surrogate', binding)).toThrow(TypeError);
    expect(() => cipher.encrypt('x', { ...binding, rowId: '' })).toThrow(TypeError);
  });

  it('round-trips any well-formed text and binding (property)', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 200 });
    const name = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(text, name, name, name, (plaintext, table, column, rowId) => {
        const where = { table, column, rowId };
        const stored = cipher.encrypt(plaintext, where);
        expect(cipher.decrypt(stored, where)).toBe(plaintext);
        expect(cipher.keyIdOf(stored)).toBe('a');
      }),
    );
  });

  it('never decrypts a value under a different binding (property)', () => {
    const name = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(fc.string(), fc.tuple(name, name, name), fc.tuple(name, name, name), (plaintext, [t1, c1, r1], [t2, c2, r2]) => {
        fc.pre(t1 !== t2 || c1 !== c2 || r1 !== r2);
        const stored = cipher.encrypt(plaintext, { table: t1, column: c1, rowId: r1 });
        expect(() => cipher.decrypt(stored, { table: t2, column: c2, rowId: r2 })).toThrow(FieldDecryptionError);
      }),
      { numRuns: 200 },
    );
  });
});
