import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { AUDIT_OUTCOMES } from '../entities/audit-event.entity.js';
import { canonicalAuditEntry, chainHash, type ChainedAuditFields, deriveAuditChainKey, unkeyedChainHash } from './audit-chain.js';

const KEY = deriveAuditChainKey(new TextEncoder().encode('a test anchor key of at least 32 characters'));

/**
 * One generator per chained field. The mapped type stops this compiling when a field is added to
 * ChainedAuditFields without one, so "changing any field changes the hash" cannot go stale.
 */
const fieldArbitraries: { [K in keyof ChainedAuditFields]-?: fc.Arbitrary<ChainedAuditFields[K]> } = {
  seq: fc.bigInt({ min: 1n, max: 2n ** 63n - 1n }).map(String),
  occurredAt: fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
  schoolId: fc.option(fc.uuid()),
  actorId: fc.option(fc.uuid()),
  actorRole: fc.option(fc.string()),
  action: fc.string(),
  entityType: fc.option(fc.string()),
  entityId: fc.option(fc.uuid()),
  studentId: fc.option(fc.uuid()),
  outcome: fc.constantFrom(...AUDIT_OUTCOMES),
  severity: fc.constantFrom('normal' as const, 'high' as const),
  clientIp: fc.option(fc.oneof(fc.ipV4(), fc.ipV6())),
  requestId: fc.option(fc.string()),
  reason: fc.option(fc.string()),
  changedFields: fc.option(fc.array(fc.string(), { maxLength: 5 })),
  breakGlassGrantId: fc.option(fc.uuid()),
};
const FIELDS = Object.keys(fieldArbitraries) as (keyof ChainedAuditFields)[];
const anEntry = fc.record(fieldArbitraries);
const aHash = fc.option(fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => Buffer.from(bytes)));

/** Value equality (dates by instant, arrays by content). */
const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

describe('canonicalAuditEntry', () => {
  it('is the same for the same entry, whatever order its properties were set in', () => {
    fc.assert(
      fc.property(anEntry, (entry) => {
        const reversed = Object.fromEntries(Object.entries(entry).reverse()) as unknown as ChainedAuditFields;
        expect(canonicalAuditEntry(reversed)).toBe(canonicalAuditEntry(entry));
        expect(canonicalAuditEntry(structuredClone(entry))).toBe(canonicalAuditEntry(entry));
      }),
    );
  });

  it('pins the v1 form, so a change to it is a deliberate one', () => {
    const entry: ChainedAuditFields = {
      seq: '42',
      occurredAt: new Date('2026-09-01T08:00:00.123Z'),
      schoolId: '11111111-1111-4111-8111-111111111111',
      actorId: null,
      actorRole: 'admin',
      action: 'student.read',
      entityType: 'student',
      entityId: null,
      studentId: null,
      outcome: 'success',
      severity: 'normal',
      clientIp: '203.0.113.7',
      requestId: 'req-1',
      reason: '家访',
      changedFields: ['name'],
      breakGlassGrantId: null,
    };
    expect(canonicalAuditEntry(entry)).toBe(
      '["v1","42","2026-09-01T08:00:00.123Z","11111111-1111-4111-8111-111111111111",null,"admin","student.read",' +
        '"student",null,null,"success","normal","203.0.113.7","req-1","家访",["name"],null]',
    );
  });

  it('covers every field: changing any single one changes the canonical form and the hash', () => {
    fc.assert(
      fc.property(anEntry, anEntry, fc.constantFrom(...FIELDS), aHash, (entry, other, field, prevHash) => {
        fc.pre(!sameValue(entry[field], other[field]));
        const changed = { ...entry, [field]: other[field] } as ChainedAuditFields;
        expect(canonicalAuditEntry(changed)).not.toBe(canonicalAuditEntry(entry));
        expect(chainHash(KEY, prevHash, changed).equals(chainHash(KEY, prevHash, entry))).toBe(false);
      }),
      { numRuns: 2_000 },
    );
  });

  it('tells a missing value from the text "null" and list items from a joined string', () => {
    fc.assert(
      fc.property(anEntry, (entry) => {
        expect(canonicalAuditEntry({ ...entry, reason: null })).not.toBe(canonicalAuditEntry({ ...entry, reason: 'null' }));
        expect(canonicalAuditEntry({ ...entry, changedFields: ['a', 'b'] })).not.toBe(
          canonicalAuditEntry({ ...entry, changedFields: ['a,b'] }),
        );
        expect(canonicalAuditEntry({ ...entry, changedFields: null })).not.toBe(canonicalAuditEntry({ ...entry, changedFields: [] }));
      }),
    );
  });
});

describe('chainHash', () => {
  it('is an HMAC-SHA256 under the chain key that depends on the previous hash as well as the entry', () => {
    fc.assert(
      fc.property(anEntry, aHash, aHash, (entry, prevA, prevB) => {
        fc.pre(!sameValue(prevA?.toString('hex'), prevB?.toString('hex')));
        expect(chainHash(KEY, prevA, entry)).toHaveLength(32);
        expect(chainHash(KEY, prevA, entry).equals(chainHash(KEY, prevA, entry))).toBe(true);
        expect(chainHash(KEY, prevA, entry).equals(chainHash(KEY, prevB, entry))).toBe(false);
        const input = Buffer.concat([prevA ?? Buffer.alloc(0), Buffer.from(canonicalAuditEntry(entry), 'utf8')]);
        expect(chainHash(KEY, prevA, entry)).toEqual(createHmac('sha256', KEY).update(input).digest());
        expect(unkeyedChainHash(prevA, entry)).toEqual(createHash('sha256').update(input).digest());
      }),
    );
  });

  it('cannot be recomputed without the key: another key, or plain SHA-256, gives another hash', () => {
    const otherKey = deriveAuditChainKey(new TextEncoder().encode('another anchor key of at least 32 characters'));
    fc.assert(
      fc.property(anEntry, aHash, (entry, prev) => {
        expect(chainHash(KEY, prev, entry).equals(chainHash(otherKey, prev, entry))).toBe(false);
        expect(chainHash(KEY, prev, entry).equals(unkeyedChainHash(prev, entry))).toBe(false);
      }),
    );
  });

  it('derives the chain key from the anchor key under a label of its own (never the anchor key itself)', () => {
    const anchorKey = new TextEncoder().encode('a test anchor key of at least 32 characters');
    expect(deriveAuditChainKey(anchorKey)).toHaveLength(32);
    expect(deriveAuditChainKey(anchorKey)).toEqual(KEY);
    expect(Buffer.from(anchorKey).subarray(0, 32).equals(KEY)).toBe(false);
  });

  it('links entries: changing an early entry changes the hash of every later one', () => {
    fc.assert(
      fc.property(fc.array(anEntry, { minLength: 2, maxLength: 8 }), fc.string(), (entries, newAction) => {
        fc.pre(newAction !== entries[0].action);
        const hashesOf = (chain: ChainedAuditFields[]) => {
          let prev: Buffer | null = null;
          return chain.map((entry) => (prev = chainHash(KEY, prev, entry)));
        };
        const original = hashesOf(entries);
        const tampered = hashesOf([{ ...entries[0], action: newAction }, ...entries.slice(1)]);
        original.forEach((hash, i) => expect(hash.equals(tampered[i])).toBe(false));
      }),
    );
  });
});
