import { createHash } from 'node:crypto';
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

/** SHA-256 over the previous entry's hash (empty for the first) and this entry's canonical form. */
export function chainHash(prevHash: Buffer | null, entry: ChainedAuditFields): Buffer {
  return createHash('sha256')
    .update(prevHash ?? Buffer.alloc(0))
    .update(canonicalAuditEntry(entry), 'utf8')
    .digest();
}
