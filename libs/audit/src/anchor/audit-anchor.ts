import { createHmac, timingSafeEqual } from 'node:crypto';

/** What an anchor asserts: the head of one school's chain at one moment. */
export interface AuditAnchorFields {
  schoolId: string;
  /** The newest entry's sequence number then. */
  seq: string;
  /** That entry's hash, in hex. */
  hash: string;
  /** How many entries of the school's chain there were up to and including it. */
  count: number;
  /** When the anchor was taken. */
  at: Date;
}

/** The versioned tag that opens the signed form, so the form can change without old anchors passing as new ones. */
export const AUDIT_ANCHOR_FORM = 'campus-care.audit-anchor.v1';

/**
 * A fixed-order JSON array, so the same anchor always signs the same bytes: the hash in lower-case
 * hex and the time as UTC ISO 8601 with milliseconds, whichever way a caller wrote them back.
 */
export function canonicalAuditAnchor(anchor: AuditAnchorFields): string {
  return JSON.stringify([AUDIT_ANCHOR_FORM, anchor.schoolId, anchor.seq, anchor.hash.toLowerCase(), anchor.count, anchor.at.toISOString()]);
}

/** HMAC-SHA256 of the canonical form, in hex. */
export function signAuditAnchor(anchor: AuditAnchorFields, key: Uint8Array): string {
  return createHmac('sha256', key).update(canonicalAuditAnchor(anchor), 'utf8').digest('hex');
}

/** True when `signature` is the one this key gives the anchor; compared in constant time. */
export function hasValidAnchorSignature(anchor: AuditAnchorFields, signature: string, key: Uint8Array): boolean {
  if (!/^[0-9a-fA-F]{64}$/.test(signature) || Number.isNaN(anchor.at.getTime())) return false;
  return timingSafeEqual(Buffer.from(signAuditAnchor(anchor, key), 'hex'), Buffer.from(signature, 'hex'));
}

/**
 * What became of the anchored entry:
 * - `intact`: it is there with the same hash, as many entries lead up to it as then, and the
 *   chain verifies up to it at least (what came after it may still be broken: see `firstBrokenSeq`);
 * - `truncated`: it is gone, so entries were deleted after the anchor was taken (the tail, or more);
 * - `altered`: it is there, but its hash, the number of entries before it or the chain leading to it changed.
 */
export type AnchorStatus = 'intact' | 'truncated' | 'altered';

/** The anchored entry as found now, or null when no entry of the school has that sequence number. */
export interface AnchoredEntryNow {
  hash: string;
  /** Entries of the school's chain up to and including it. */
  count: number;
}

export function anchorStatus(anchor: Pick<AuditAnchorFields, 'seq' | 'hash' | 'count'>, now: AnchoredEntryNow | null, firstBrokenSeq: string | null): AnchorStatus {
  if (now === null) return 'truncated';
  if (now.hash.toLowerCase() !== anchor.hash.toLowerCase() || now.count !== anchor.count) return 'altered';
  if (firstBrokenSeq !== null && BigInt(firstBrokenSeq) <= BigInt(anchor.seq)) return 'altered';
  return 'intact';
}
