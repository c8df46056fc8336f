import { chainHash, type ChainedAuditFields } from './audit-chain.js';

/** An entry as stored: the chained fields plus the link to its predecessor and its own hash. */
export interface StoredChainEntry extends ChainedAuditFields {
  prevHash: Buffer | null;
  hash: Buffer;
}

export interface BatchVerification {
  /** Entries examined, the broken one included. */
  checked: number;
  /** The first entry whose content or link does not match; null when the batch is intact. */
  firstBrokenSeq: string | null;
  /** The hash the next batch must link to (the last intact entry's). */
  lastHash: Buffer | null;
}

/**
 * Checks one batch of a chain, in chain order, against the hash of the entry before it
 * (null before the first entry). An entry is intact when it links to its predecessor and its
 * stored hash is the one its fields produce; checking stops at the first that is not, since
 * everything after it is unproven.
 */
export function verifyChainBatch(entries: readonly StoredChainEntry[], previousHash: Buffer | null): BatchVerification {
  let expectedPrev = previousHash;
  for (const [index, entry] of entries.entries()) {
    const linked = sameBytes(entry.prevHash, expectedPrev);
    if (!linked || !sameBytes(entry.hash, chainHash(expectedPrev, entry))) {
      return { checked: index + 1, firstBrokenSeq: entry.seq, lastHash: expectedPrev };
    }
    expectedPrev = entry.hash;
  }
  return { checked: entries.length, firstBrokenSeq: null, lastHash: expectedPrev };
}

function sameBytes(a: Buffer | null, b: Buffer | null): boolean {
  return a === null || b === null ? a === b : a.equals(b);
}
