import fc from 'fast-check';
import { chainHash, type ChainedAuditFields } from './audit-chain.js';
import { type StoredChainEntry, verifyChainBatch } from './chain-verification.js';

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

/** A correctly chained run of entries with seqs 1..length (gaps allowed, as the sequence is shared). */
function chainOf(length: number, start: Buffer | null = null, seqStep = 1): StoredChainEntry[] {
  let prevHash = start;
  return Array.from({ length }, (_, i) => {
    const fields = fieldsOf(1 + i * seqStep);
    const hash = chainHash(prevHash, fields);
    const entry = { ...fields, prevHash, hash };
    prevHash = hash;
    return entry;
  });
}

describe('verifyChainBatch', () => {
  it('accepts an intact chain and hands on the last hash', () => {
    const chain = chainOf(5, null, 3);
    expect(verifyChainBatch(chain, null)).toEqual({ checked: 5, firstBrokenSeq: null, lastHash: chain[4].hash });
  });

  it('accepts an empty batch and keeps the running hash', () => {
    const running = chainOf(1)[0].hash;
    expect(verifyChainBatch([], running)).toEqual({ checked: 0, firstBrokenSeq: null, lastHash: running });
    expect(verifyChainBatch([], null)).toEqual({ checked: 0, firstBrokenSeq: null, lastHash: null });
  });

  it('checks a chain split into batches the same as whole', () => {
    const chain = chainOf(7);
    const first = verifyChainBatch(chain.slice(0, 3), null);
    const second = verifyChainBatch(chain.slice(3), first.lastHash);
    expect(second).toEqual({ checked: 4, firstBrokenSeq: null, lastHash: chain[6].hash });
  });

  it('finds an entry whose field was changed, wherever it is', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(fc.constant(n), fc.nat(n - 1))), ([length, at]) => {
        const chain = chainOf(length);
        chain[at] = { ...chain[at], reason: 'rewritten' };
        expect(verifyChainBatch(chain, null)).toMatchObject({ checked: at + 1, firstBrokenSeq: chain[at].seq });
      }),
    );
  });

  it('finds a changed entry whose hash was recomputed too, at the entry after it', () => {
    const chain = chainOf(4);
    const forged = { ...chain[1], action: 'student.list' };
    chain[1] = { ...forged, hash: chainHash(forged.prevHash, forged) };
    expect(verifyChainBatch(chain, null).firstBrokenSeq).toBe('3');
  });

  it('finds a removed entry at the entry after the gap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }).chain((n) => fc.tuple(fc.constant(n), fc.nat(n - 2))), ([length, removed]) => {
        const chain = chainOf(length);
        const withGap = chain.filter((_, i) => i !== removed);
        expect(verifyChainBatch(withGap, null).firstBrokenSeq).toBe(chain[removed + 1].seq);
      }),
    );
  });

  it('finds reordered entries at the first one out of place', () => {
    const chain = chainOf(5);
    const swapped = [chain[0], chain[3], chain[2], chain[1], chain[4]];
    expect(verifyChainBatch(swapped, null)).toMatchObject({ checked: 2, firstBrokenSeq: '4' });
  });

  it('refuses a first entry that claims a predecessor, and a batch that does not link to the one before', () => {
    const chain = chainOf(3);
    expect(verifyChainBatch(chain.slice(1), null).firstBrokenSeq).toBe('2');
    expect(verifyChainBatch(chain, chain[2].hash).firstBrokenSeq).toBe('1');
  });

  it('refuses a changed stored hash or link', () => {
    const chain = chainOf(3);
    const flipped = Buffer.from(chain[1].hash);
    flipped[0] ^= 1;
    expect(verifyChainBatch([chain[0], { ...chain[1], hash: flipped }, chain[2]], null).firstBrokenSeq).toBe('2');
    expect(verifyChainBatch([chain[0], { ...chain[1], prevHash: null }, chain[2]], null).firstBrokenSeq).toBe('2');
  });
});
