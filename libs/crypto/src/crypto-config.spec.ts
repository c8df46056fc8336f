import { randomBytes } from 'node:crypto';
import { ConfigValidationError } from '#core';
import { keyRingOf, loadCryptoConfig } from './crypto-config.js';
import { FieldCipher } from './field-cipher.js';

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const pair = (id: string, key: Buffer) => `${id}:${key.toString('base64')}`;

function refusal(env: Record<string, unknown>): string {
  try {
    loadCryptoConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('CryptoConfig', () => {
  it('reads a key ring and its active key', () => {
    const ring = keyRingOf(loadCryptoConfig({ FIELD_ENCRYPTION_KEYS: `${pair('a', keyA)}, ${pair('b-2', keyB)}`, FIELD_ENCRYPTION_ACTIVE_KEY: 'b-2' }));
    expect(ring.activeKeyId).toBe('b-2');
    expect([...ring.keys.keys()]).toEqual(['a', 'b-2']);
    expect(ring.keys.get('a')?.equals(keyA)).toBe(true);
    expect(ring.keys.get('b-2')?.equals(keyB)).toBe(true);
  });

  it('accepts URL-safe base64 and takes a single key as the active one', () => {
    const ring = keyRingOf(loadCryptoConfig({ NODE_ENV: 'production', FIELD_ENCRYPTION_KEYS: `k2026:${keyA.toString('base64url')}` }));
    expect(ring.activeKeyId).toBe('k2026');
    expect(ring.keys.get('k2026')?.equals(keyA)).toBe(true);
  });

  it.each([
    ['bad base64', { FIELD_ENCRYPTION_KEYS: 'a:not*base64!' }, /FIELD_ENCRYPTION_KEYS entry 1 is not 32 bytes/],
    ['a 16-byte key', { FIELD_ENCRYPTION_KEYS: pair('a', randomBytes(16)) }, /FIELD_ENCRYPTION_KEYS entry 1 is not 32 bytes/],
    ['a 33-byte key', { FIELD_ENCRYPTION_KEYS: `${pair('a', keyA)},${pair('b', randomBytes(33))}` }, /entry 2 is not 32 bytes/],
    ['a missing key id', { FIELD_ENCRYPTION_KEYS: keyA.toString('base64') }, /entry 1 is not of the form keyId:base64key/],
    ['an upper-case key id', { FIELD_ENCRYPTION_KEYS: pair('Key', keyA) }, /entry 1 has a key id/],
    ['a 33-character key id', { FIELD_ENCRYPTION_KEYS: pair('k'.repeat(33), keyA) }, /entry 1 has a key id/],
    ['a repeated key id', { FIELD_ENCRYPTION_KEYS: `${pair('a', keyA)},${pair('a', keyB)}` }, /entry 2 repeats a key id/],
    ['a trailing comma', { FIELD_ENCRYPTION_KEYS: `${pair('a', keyA)},` }, /entry 2 is not of the form/],
    [
      'an active key not in the ring',
      { FIELD_ENCRYPTION_KEYS: pair('a', keyA), FIELD_ENCRYPTION_ACTIVE_KEY: 'b' },
      /FIELD_ENCRYPTION_ACTIVE_KEY must be the id of one of the keys/,
    ],
    ['several keys and no active one', { FIELD_ENCRYPTION_KEYS: `${pair('a', keyA)},${pair('b', keyB)}` }, /FIELD_ENCRYPTION_ACTIVE_KEY is required/],
    ['an active key without keys', { FIELD_ENCRYPTION_ACTIVE_KEY: 'a' }, /FIELD_ENCRYPTION_ACTIVE_KEY names a key, but FIELD_ENCRYPTION_KEYS is not set/],
  ])('refuses %s with a message naming the variable', (_label, env, message) => {
    expect(refusal(env)).toMatch(message);
  });

  it('never echoes a key, even one pasted into the wrong place', () => {
    const encoded = keyA.toString('base64');
    for (const env of [
      { FIELD_ENCRYPTION_KEYS: encoded },
      { FIELD_ENCRYPTION_KEYS: `${encoded}:a` },
      { FIELD_ENCRYPTION_KEYS: `a:${encoded}x` },
      { FIELD_ENCRYPTION_KEYS: pair('a', keyA), FIELD_ENCRYPTION_ACTIVE_KEY: encoded },
    ]) {
      expect(refusal(env)).not.toContain(encoded.slice(0, 12));
    }
  });

  it('refuses to start in production without keys', () => {
    expect(refusal({ NODE_ENV: 'production' })).toMatch(/FIELD_ENCRYPTION_KEYS is required in production/);
    expect(refusal({ NODE_ENV: 'production', FIELD_ENCRYPTION_KEYS: '' })).toMatch(/FIELD_ENCRYPTION_KEYS is required in production/);
  });

  it('refuses the public development key in production', () => {
    const developmentKey = keyRingOf(loadCryptoConfig({})).keys.get('dev') as Buffer;
    expect(refusal({ NODE_ENV: 'production', FIELD_ENCRYPTION_KEYS: pair('prod', developmentKey) })).toMatch(/development key/);
  });

  it.each(['development', 'test'])('falls back to the fixed development key in %s when no keys are set', (NODE_ENV) => {
    const ring = keyRingOf(loadCryptoConfig({ NODE_ENV }));
    expect(ring.activeKeyId).toBe('dev');
    const developmentKey = ring.keys.get('dev');
    expect(developmentKey).toHaveLength(32);
    // Deterministic: values written by one start decrypt after the next.
    expect(keyRingOf(loadCryptoConfig({ NODE_ENV, FIELD_ENCRYPTION_ACTIVE_KEY: 'dev' })).keys.get('dev')).toEqual(developmentKey);
    expect(() => new FieldCipher(ring)).not.toThrow();
  });
});
