import fc from 'fast-check';
import { chainHash, type ChainedAuditFields, deriveAuditChainKey, unkeyedChainHash } from './audit-chain.js';
import { CHAIN_START, type ChainPosition, type StoredChainEntry, verifyChainBatch } from './chain-verification.js';

const KEY = deriveAuditChainKey(new TextEncoder().encode('a test anchor key of at least 32 characters'));
const after = (lastHash: Buffer | null, keyed = true): ChainPosition => ({ lastHash, keyed });

function fieldsOf(seq: number): ChainedAuditFields {
  return {
    seq: String(seq),
    occurredAt: new Date(Date.UTC(2026, 8, 1, 8, 0, seq)),
    schoolId: '11111111-1111-4111-8111-111111111111',
    actorId: '22222222-2222-4222-8222-222222222222',
    actorRole: 'counselor',
    action: 'student.read',
    entityType: 'student',
    entityId: '33333333-3333-4333-8333-333333333333',
    studentId: '33333333-3333-4333-8333-333333333333',
    outcome: 'success',
    severity: 'normal',
    clientIp: '203.0.113.7',
    requestId: `req-${seq}`,
    reason: null,
    changedFields: null,
    breakGlassGrantId: null,
  };
}

/**
 * A correctly chained run of entries with seqs 1..length (gaps allowed, as the sequence is shared),
 * keyed from the `unkeyed`th entry on (the ones before as written before the chain was keyed).
 */
function chainOf(length: number, start: Buffer | null = null, seqStep = 1, unkeyed = 0, firstSeq = 1): StoredChainEntry[] {
  let prevHash = start;
  return Array.from({ length }, (_, i) => {
    const fields = fieldsOf(firstSeq + i * seqStep);
    const keyed = i >= unkeyed;
    const hash = keyed ? chainHash(KEY, prevHash, fields) : unkeyedChainHash(prevHash, fields);
    const entry: StoredChainEntry = { ...fields, hashAlg: keyed ? 'hmac-sha256' : 'sha256', prevHash, hash };
    prevHash = hash;
    return entry;
  });
}

describe('verifyChainBatch', () => {
  it('accepts an intact chain and hands on the last hash', () => {
    const chain = chainOf(5, null, 3);
    expect(verifyChainBatch(chain, CHAIN_START, KEY)).toEqual({ checked: 5, firstBrokenSeq: null, lastHash: chain[4].hash, keyed: true });
  });

  it('accepts an empty batch and keeps the running hash', () => {
    const running = chainOf(1)[0].hash;
    expect(verifyChainBatch([], after(running), KEY)).toEqual({ checked: 0, firstBrokenSeq: null, lastHash: running, keyed: true });
    expect(verifyChainBatch([], CHAIN_START, KEY)).toEqual({ checked: 0, firstBrokenSeq: null, lastHash: null, keyed: false });
  });

  it('checks a chain split into batches the same as whole', () => {
    const chain = chainOf(7);
    const first = verifyChainBatch(chain.slice(0, 3), CHAIN_START, KEY);
    const second = verifyChainBatch(chain.slice(3), first, KEY);
    expect(second).toEqual({ checked: 4, firstBrokenSeq: null, lastHash: chain[6].hash, keyed: true });
  });

  it('finds an entry whose field was changed, wherever it is', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(fc.constant(n), fc.nat(n - 1))), ([length, at]) => {
        const chain = chainOf(length);
        chain[at] = { ...chain[at], reason: 'rewritten' };
        expect(verifyChainBatch(chain, CHAIN_START, KEY)).toMatchObject({ checked: at + 1, firstBrokenSeq: chain[at].seq });
      }),
    );
  });

  it('finds a changed entry whose hash was recomputed too, at the entry after it', () => {
    const chain = chainOf(4);
    const forged = { ...chain[1], action: 'student.list' };
    chain[1] = { ...forged, hash: chainHash(KEY, forged.prevHash, forged) };
    expect(verifyChainBatch(chain, CHAIN_START, KEY).firstBrokenSeq).toBe('3');
  });

  it('finds a removed entry at the entry after the gap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }).chain((n) => fc.tuple(fc.constant(n), fc.nat(n - 2))), ([length, removed]) => {
        const chain = chainOf(length);
        const withGap = chain.filter((_, i) => i !== removed);
        expect(verifyChainBatch(withGap, CHAIN_START, KEY).firstBrokenSeq).toBe(chain[removed + 1].seq);
      }),
    );
  });

  it('finds reordered entries at the first one out of place', () => {
    const chain = chainOf(5);
    const swapped = [chain[0], chain[3], chain[2], chain[1], chain[4]];
    expect(verifyChainBatch(swapped, CHAIN_START, KEY)).toMatchObject({ checked: 2, firstBrokenSeq: '4' });
  });

  it('refuses a first entry that claims a predecessor, and a batch that does not link to the one before', () => {
    const chain = chainOf(3);
    expect(verifyChainBatch(chain.slice(1), CHAIN_START, KEY).firstBrokenSeq).toBe('2');
    expect(verifyChainBatch(chain, after(chain[2].hash), KEY).firstBrokenSeq).toBe('1');
  });

  it('refuses a changed stored hash or link', () => {
    const chain = chainOf(3);
    const flipped = Buffer.from(chain[1].hash);
    flipped[0] ^= 1;
    expect(verifyChainBatch([chain[0], { ...chain[1], hash: flipped }, chain[2]], CHAIN_START, KEY).firstBrokenSeq).toBe('2');
    expect(verifyChainBatch([chain[0], { ...chain[1], prevHash: null }, chain[2]], CHAIN_START, KEY).firstBrokenSeq).toBe('2');
  });

  it('finds a rewrite whose later hashes were recomputed without the key (plain SHA-256), keyed or not', () => {
    const chain = chainOf(6);
    let prevHash = chain[1].hash;
    const rewritten = chain.map((entry, i) => {
      if (i < 2) return entry;
      const fields = i === 2 ? { ...entry, reason: 'nothing to see' } : entry;
      const hash = unkeyedChainHash(prevHash, fields);
      const forged = { ...fields, prevHash, hash };
      prevHash = hash;
      return forged;
    });
    expect(verifyChainBatch(rewritten, CHAIN_START, KEY).firstBrokenSeq).toBe('3');
    const relabelled = rewritten.map((entry, i) => (i < 2 ? entry : { ...entry, hashAlg: 'sha256' as const }));
    expect(verifyChainBatch(relabelled, CHAIN_START, KEY).firstBrokenSeq).toBe('3');
  });

  it('accepts unkeyed entries written before the chain was keyed, and none after a keyed one', () => {
    const chain = chainOf(5, null, 1, 3);
    expect(verifyChainBatch(chain, CHAIN_START, KEY)).toMatchObject({ checked: 5, firstBrokenSeq: null, keyed: true });
    expect(verifyChainBatch(chain.slice(0, 3), CHAIN_START, KEY)).toMatchObject({ firstBrokenSeq: null, keyed: false });
    const unkeyedAfter = chainOf(2, chain[4].hash, 1, 2, 6);
    expect(verifyChainBatch(unkeyedAfter, after(chain[4].hash, false), KEY)).toMatchObject({ firstBrokenSeq: null });
    expect(verifyChainBatch(unkeyedAfter, after(chain[4].hash), KEY).firstBrokenSeq).toBe('6');
  });
});
