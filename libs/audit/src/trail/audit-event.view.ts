import type { ChainedAuditFields } from '../chain/audit-chain.js';
import type { StoredChainEntry } from '../chain/chain-verification.js';

/** One entry of the trail as an auditor reads it; hashes in hex so anyone can recheck them. */
export type AuditEventView = Omit<ChainedAuditFields, 'occurredAt' | 'schoolId'> & {
  occurredAt: string;
  hash: string;
  prevHash: string | null;
};

/** The answer of `GET /audit-events/verify`. */
export interface ChainVerification {
  ok: boolean;
  /** Entries examined, in chain order; when broken, up to and including the first broken one. */
  checked: number;
  firstBrokenSeq: string | null;
}

export function toAuditEventView(event: StoredChainEntry): AuditEventView {
  return {
    seq: event.seq,
    occurredAt: event.occurredAt.toISOString(),
    actorId: event.actorId,
    actorRole: event.actorRole,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    studentId: event.studentId,
    outcome: event.outcome,
    severity: event.severity,
    clientIp: event.clientIp,
    requestId: event.requestId,
    reason: event.reason,
    changedFields: event.changedFields,
    breakGlassGrantId: event.breakGlassGrantId,
    hash: event.hash.toString('hex'),
    prevHash: event.prevHash?.toString('hex') ?? null,
  };
}
