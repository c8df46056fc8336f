import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '#core';
import { chainHash, type ChainedAuditFields } from './chain/audit-chain.js';
import type { AuditOutcome } from './entities/audit-event.entity.js';

/** Who acted and from where; a `Caller` fits, and so does a bare origin for anonymous events. */
export interface AuditActor {
  userId?: string | null;
  role?: string | null;
  schoolId: string | null;
  clientIp?: string | null;
  requestId?: string | null;
}

export interface AuditEntry {
  /** `<entity>.<verb>`, e.g. `student.read`. */
  action: string;
  outcome?: AuditOutcome;
  entityType?: string;
  entityId?: string;
  studentId?: string;
  reason?: string;
  /** Names only: values never enter the trail. */
  changedFields?: string[];
  severity?: 'normal' | 'high';
  breakGlassGrantId?: string;
}

/**
 * Appends to the tamper-evident audit trail. `record` joins the caller's transaction, so a
 * write and its audit entry commit together or not at all.
 */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Appends inside the given transaction. */
  async record(manager: EntityManager, actor: AuditActor, entry: AuditEntry): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AuditService.record needs a transaction: use recordAlone() for a standalone entry');
    }
    // One chain per school: appends to it are serialised until this transaction ends.
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`audit:${actor.schoolId ?? 'system'}`]);
    const [{ seq, prev_hash: prevHash }] = await manager.query<{ seq: string; prev_hash: Buffer | null }[]>(
      actor.schoolId
        ? `SELECT nextval('audit_events_seq')::text AS seq,
             (SELECT hash FROM audit_events WHERE school_id = $1 ORDER BY seq DESC LIMIT 1) AS prev_hash`
        : `SELECT nextval('audit_events_seq')::text AS seq,
             (SELECT hash FROM audit_events WHERE school_id IS NULL ORDER BY seq DESC LIMIT 1) AS prev_hash`,
      actor.schoolId ? [actor.schoolId] : [],
    );
    const fields: ChainedAuditFields = {
      seq,
      occurredAt: this.clock.now(),
      schoolId: actor.schoolId,
      actorId: actor.userId ?? null,
      actorRole: actor.role ?? null,
      action: entry.action,
      entityType: entry.entityType ?? null,
      entityId: entry.entityId ?? null,
      studentId: entry.studentId ?? null,
      outcome: entry.outcome ?? 'success',
      severity: entry.severity ?? 'normal',
      clientIp: actor.clientIp ?? null,
      requestId: actor.requestId ?? null,
      reason: entry.reason ?? null,
      changedFields: entry.changedFields ? [...entry.changedFields].sort() : null,
      breakGlassGrantId: entry.breakGlassGrantId ?? null,
    };
    await manager.query(
      `INSERT INTO audit_events (seq, occurred_at, school_id, actor_id, actor_role, action, entity_type, entity_id,
         student_id, outcome, severity, client_ip, request_id, reason, changed_fields, break_glass_grant_id, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [
        fields.seq,
        fields.occurredAt,
        fields.schoolId,
        fields.actorId,
        fields.actorRole,
        fields.action,
        fields.entityType,
        fields.entityId,
        fields.studentId,
        fields.outcome,
        fields.severity,
        fields.clientIp,
        fields.requestId,
        fields.reason,
        fields.changedFields,
        fields.breakGlassGrantId,
        prevHash,
        chainHash(prevHash, fields),
      ],
    );
  }

  /** Appends in a transaction of its own: for events with no write beside them (refusals, sign-ins). */
  async recordAlone(actor: AuditActor, entry: AuditEntry): Promise<void> {
    await this.dataSource.transaction((manager) => this.record(manager, actor, entry));
  }
}
