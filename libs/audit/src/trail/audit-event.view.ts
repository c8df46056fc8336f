import type { Uuid } from '#core';
import type { StoredChainEntry } from '../chain/chain-verification.js';
import type { AuditOutcome } from '../entities/audit-event.entity.js';

/** One entry of the trail as an auditor reads it; hashes in hex so anyone can recheck them. */
export interface AuditEventView {
  /** Position in the chain (a bigint, as a decimal string). */
  seq: string;
  occurredAt: Date;
  actorId: Uuid | null;
  actorRole: string | null;
  action: string;
  entityType: string | null;
  entityId: Uuid | null;
  studentId: Uuid | null;
  outcome: AuditOutcome;
  severity: AuditSeverity;
  clientIp: string | null;
  requestId: string | null;
  reason: string | null;
  /** Names of the fields a change touched, never their values. */
  changedFields: string[] | null;
  breakGlassGrantId: Uuid | null;
  /** Hex. */
  hash: string;
  /** Hex; null for the school's first entry. */
  prevHash: string | null;
}

export type AuditSeverity = 'normal' | 'high';

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
    occurredAt: event.occurredAt,
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
