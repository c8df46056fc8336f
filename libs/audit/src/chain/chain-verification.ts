import { chainHash, type ChainedAuditFields, type ChainHashAlg, unkeyedChainHash } from './audit-chain.js';

/** An entry as stored: the chained fields plus how it was hashed, the link to its predecessor and its own hash. */
export interface StoredChainEntry extends ChainedAuditFields {
  hashAlg: ChainHashAlg;
  prevHash: Buffer | null;
  hash: Buffer;
}

/** Where a walk of one chain stands between batches. */
export interface ChainPosition {
  /** The hash the next entry must link to (null before the first entry). */
  lastHash: Buffer | null;
  /** Whether a keyed entry was met: no unkeyed one may follow it. */
  keyed: boolean;
}

export const CHAIN_START: ChainPosition = { lastHash: null, keyed: false };

export interface BatchVerification extends ChainPosition {
  /** Entries examined, the broken one included. */
  checked: number;
  /** The first entry whose content or link does not match; null when the batch is intact. */
  firstBrokenSeq: string | null;
}

/**
 * Checks one batch of a chain, in chain order, from where the batch before it ended. An entry is
 * intact when it links to its predecessor and its stored hash is the one its fields produce under
 * its algorithm; checking stops at the first that is not, since everything after it is unproven.
 * Unkeyed (plain SHA-256) entries are the ones written before the chain was keyed, so one after a
 * keyed entry is broken: else whoever rewrote an entry could recompute the rest unkeyed.
 */
export function verifyChainBatch(entries: readonly StoredChainEntry[], from: ChainPosition, key: Uint8Array): BatchVerification {
  let { lastHash, keyed } = from;
  for (const [index, entry] of entries.entries()) {
    const entryKeyed = entry.hashAlg === 'hmac-sha256';
    const expected = entryKeyed ? chainHash(key, lastHash, entry) : unkeyedChainHash(lastHash, entry);
    if ((keyed && !entryKeyed) || !sameBytes(entry.prevHash, lastHash) || !sameBytes(entry.hash, expected)) {
      return { checked: index + 1, firstBrokenSeq: entry.seq, lastHash, keyed };
    }
    lastHash = entry.hash;
    keyed ||= entryKeyed;
  }
  return { checked: entries.length, firstBrokenSeq: null, lastHash, keyed };
}

function sameBytes(a: Buffer | null, b: Buffer | null): boolean {
  return a === null || b === null ? a === b : a.equals(b);
}
