import { createHash, createHmac, type Hash, type Hmac, hkdfSync } from 'node:crypto';
import type { AuditOutcome } from '../entities/audit-event.entity.js';

/** The fields an entry's hash covers: all of them but the hashes themselves. */
export interface ChainedAuditFields {
  seq: string;
  occurredAt: Date;
  schoolId: string | null;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  studentId: string | null;
  outcome: AuditOutcome;
  severity: 'normal' | 'high';
  clientIp: string | null;
  requestId: string | null;
  reason: string | null;
  changedFields: string[] | null;
  breakGlassGrantId: string | null;
}

/**
 * A fixed-order JSON array, so the same entry always serialises to the same bytes. The
 * leading version lets the form change later without breaking older links.
 */
export function canonicalAuditEntry(entry: ChainedAuditFields): string {
  return JSON.stringify([
    'v1',
    entry.seq,
    entry.occurredAt.toISOString(),
    entry.schoolId,
    entry.actorId,
    entry.actorRole,
    entry.action,
    entry.entityType,
    entry.entityId,
    entry.studentId,
    entry.outcome,
    entry.severity,
    entry.clientIp,
    entry.requestId,
    entry.reason,
    entry.changedFields,
    entry.breakGlassGrantId,
  ]);
}

/**
 * How an entry's hash was made: `hmac-sha256` under the chain key for every entry written now;
 * `sha256` (unkeyed) for entries written before the chain was keyed, accepted only ahead of a
 * school's first keyed entry (see verifyChainBatch).
 */
export const CHAIN_HASH_ALGS = ['sha256', 'hmac-sha256'] as const;
export type ChainHashAlg = (typeof CHAIN_HASH_ALGS)[number];

/** HKDF label of the chain key: the anchor key's material, but never the same key for two purposes. */
const CHAIN_KEY_INFO = 'campus-care audit chain v1';

/** The chain's HMAC key, derived from AUDIT_ANCHOR_KEY (which the database never holds). */
export function deriveAuditChainKey(anchorKey: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', anchorKey, Buffer.alloc(0), CHAIN_KEY_INFO, 32));
}

/** The previous entry's hash (empty for the first), then this entry's canonical form. */
function linkedDigest(digest: Hash | Hmac, prevHash: Buffer | null, entry: ChainedAuditFields): Buffer {
  return digest
    .update(prevHash ?? Buffer.alloc(0))
    .update(canonicalAuditEntry(entry), 'utf8')
    .digest();
}

/** HMAC-SHA256 under the chain key: without the key, nobody can recompute the hashes after changing an entry. */
export function chainHash(key: Uint8Array, prevHash: Buffer | null, entry: ChainedAuditFields): Buffer {
  return linkedDigest(createHmac('sha256', key), prevHash, entry);
}

/** The unkeyed SHA-256 of entries written before the chain was keyed. */
export function unkeyedChainHash(prevHash: Buffer | null, entry: ChainedAuditFields): Buffer {
  return linkedDigest(createHash('sha256'), prevHash, entry);
}
