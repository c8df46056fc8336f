import { ConfigValidationError, validateEnvironment } from '#core';
import { anchorStatus, type AuditAnchorFields, canonicalAuditAnchor, hasValidAnchorSignature, signAuditAnchor } from './audit-anchor.js';
import { AuditAnchorConfig } from './audit-anchor-config.js';

const KEY = new TextEncoder().encode('an-anchor-key-of-at-least-32-characters');

const anchor: AuditAnchorFields = {
  schoolId: '0b6c1a36-8f0e-4a53-9a43-1f5e2d7c9b10',
  seq: '1042',
  hash: 'ab'.repeat(32),
  count: 1042,
  at: new Date('2026-01-15T08:30:00.000Z'),
};

describe('audit anchor signature', () => {
  it('signs a fixed-order versioned JSON array of the fields', () => {
    expect(canonicalAuditAnchor(anchor)).toBe(
      `["campus-care.audit-anchor.v1","0b6c1a36-8f0e-4a53-9a43-1f5e2d7c9b10","1042","${'ab'.repeat(32)}",1042,"2026-01-15T08:30:00.000Z"]`,
    );
    // Computed outside Node: printf '%s' "<canonical form>" | openssl dgst -sha256 -hmac '<key>'
    expect(signAuditAnchor(anchor, KEY)).toBe('a86a68c78d04496ebd685aeacfa98ae4392d352c34fd93642fed6505ab98dcd8');
  });

  it('gives the same form however the hash case or the time offset was written back', () => {
    const rewritten = { ...anchor, hash: anchor.hash.toUpperCase(), at: new Date('2026-01-15T16:30:00+08:00') };
    expect(canonicalAuditAnchor(rewritten)).toBe(canonicalAuditAnchor(anchor));
    expect(hasValidAnchorSignature(rewritten, signAuditAnchor(anchor, KEY).toUpperCase(), KEY)).toBe(true);
  });

  it.each<[string, Partial<AuditAnchorFields>]>([
    ['school', { schoolId: '6f1d0c1e-2b7a-4c3e-8d5f-9a0b1c2d3e4f' }],
    ['seq', { seq: '1043' }],
    ['hash', { hash: 'ac'.repeat(32) }],
    ['count', { count: 1041 }],
    ['time', { at: new Date('2026-01-15T08:30:00.001Z') }],
  ])('refuses the signature once the %s is changed', (_field, change) => {
    expect(hasValidAnchorSignature({ ...anchor, ...change }, signAuditAnchor(anchor, KEY), KEY)).toBe(false);
  });

  it('refuses another key, a malformed signature and an invalid time without throwing', () => {
    const signature = signAuditAnchor(anchor, KEY);
    expect(hasValidAnchorSignature(anchor, signature, new TextEncoder().encode('another-key-of-at-least-32-characters'))).toBe(false);
    expect(hasValidAnchorSignature(anchor, signature.slice(2), KEY)).toBe(false);
    expect(hasValidAnchorSignature(anchor, 'zz'.repeat(32), KEY)).toBe(false);
    expect(hasValidAnchorSignature({ ...anchor, at: new Date('not a time') }, signature, KEY)).toBe(false);
  });
});

describe('anchor status', () => {
  const intactNow = { hash: anchor.hash, count: anchor.count };

  it('is intact when the entry, the count before it and the chain up to it are unchanged', () => {
    expect(anchorStatus(anchor, intactNow, null)).toBe('intact');
    // A break after the anchor is the chain check's finding, not the anchor's.
    expect(anchorStatus(anchor, intactNow, '1043')).toBe('intact');
  });

  it('is truncated when the anchored entry is gone', () => {
    expect(anchorStatus(anchor, null, null)).toBe('truncated');
  });

  it('is altered when the entry, the number of entries up to it or the chain before it differ', () => {
    expect(anchorStatus(anchor, { ...intactNow, hash: 'cd'.repeat(32) }, null)).toBe('altered');
    expect(anchorStatus(anchor, { ...intactNow, count: 1041 }, null)).toBe('altered');
    expect(anchorStatus(anchor, intactNow, '1042')).toBe('altered');
    expect(anchorStatus(anchor, intactNow, '17')).toBe('altered');
  });
});

describe('AuditAnchorConfig', () => {
  const configOf = (values: Partial<AuditAnchorConfig>) => Object.assign(new AuditAnchorConfig(), values);

  it('refuses a key shorter than 32 characters at boot', () => {
    expect(() => validateEnvironment(AuditAnchorConfig, { AUDIT_ANCHOR_KEY: 'short' })).toThrow(ConfigValidationError);
    expect(() => validateEnvironment(AuditAnchorConfig, { AUDIT_ANCHOR_KEY: 'short' })).toThrow(/AUDIT_ANCHOR_KEY must be at least 32 characters/);
  });

  it('uses the configured key', () => {
    expect(Buffer.from(configOf({ AUDIT_ANCHOR_KEY: 'k'.repeat(32) }).anchorKey()).toString()).toBe('k'.repeat(32));
  });

  it('falls back to the development key outside production and refuses to in production', () => {
    expect(configOf({ NODE_ENV: 'test' }).anchorKey()).toHaveLength(32);
    expect(() => configOf({ NODE_ENV: 'production' }).anchorKey()).toThrow('AUDIT_ANCHOR_KEY must be set in production');
  });
});
