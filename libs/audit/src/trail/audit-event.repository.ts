import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BadRequestProblem, decodeCursor, type Page, type PageQuery, toPage } from '#core';
import type { StoredChainEntry } from '../chain/chain-verification.js';
import type { AuditOutcome } from '../entities/audit-event.entity.js';

/** Filters of a school's trail; each one is the leading part of a `(school_id, ..., seq)` index. */
export interface AuditEventFilter {
  actorId?: string;
  studentId?: string;
  entityType?: string;
  /** Only together with `entityType` (the index is `(school_id, entity_type, entity_id, seq)`). */
  entityId?: string;
  /** Any of these. */
  actions?: string[];
  outcome?: AuditOutcome;
  occurredFrom?: Date;
  occurredBefore?: Date;
}

const BIGINT = /^[0-9]{1,18}$/;

/**
 * Every stored column, named as the chain names it. Raw rows, not entities: the trail is read in
 * bulk (verification walks all of it) and TypeORM's query building and hydration cost more than
 * the query itself (see bench/README.md).
 */
const ENTRY_COLUMNS = `e.seq, e.occurred_at AS "occurredAt", e.school_id AS "schoolId", e.actor_id AS "actorId",
  e.actor_role AS "actorRole", e.action, e.entity_type AS "entityType", e.entity_id AS "entityId",
  e.student_id AS "studentId", e.outcome, e.severity, e.client_ip AS "clientIp", e.request_id AS "requestId",
  e.reason, e.changed_fields AS "changedFields", e.break_glass_grant_id AS "breakGlassGrantId",
  e.hash_alg AS "hashAlg", e.prev_hash AS "prevHash", e.hash`;

/** Reads of the audit trail. It is never written here: appends go through AuditService. */
@Injectable()
export class AuditEventRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One page of a school's trail, newest first, keyed on `seq`. */
  async listForSchool(schoolId: string, filter: AuditEventFilter, page: PageQuery): Promise<Page<StoredChainEntry>> {
    const afterSeq = seqOfCursor(page);
    const values: unknown[] = [];
    const bind = (value: unknown) => `$${values.push(value)}`;
    const where = [`e.school_id = ${bind(schoolId)}`];
    if (filter.actorId) where.push(`e.actor_id = ${bind(filter.actorId)}`);
    if (filter.studentId) where.push(`e.student_id = ${bind(filter.studentId)}`);
    if (filter.entityType) where.push(`e.entity_type = ${bind(filter.entityType)}`);
    if (filter.entityId) where.push(`e.entity_id = ${bind(filter.entityId)}`);
    if (filter.actions?.length) where.push(`e.action = ANY(${bind(filter.actions)}::text[])`);
    if (filter.outcome) where.push(`e.outcome = ${bind(filter.outcome)}`);
    if (filter.occurredFrom) where.push(`e.occurred_at >= ${bind(filter.occurredFrom)}`);
    if (filter.occurredBefore) where.push(`e.occurred_at < ${bind(filter.occurredBefore)}`);
    if (afterSeq !== null) where.push(`e.seq < ${bind(afterSeq)}::bigint`);
    const rows = await this.dataSource.query<StoredChainEntry[]>(
      `SELECT ${ENTRY_COLUMNS} FROM audit_events e WHERE ${where.join(' AND ')} ORDER BY e.seq DESC LIMIT ${bind(page.limit + 1)}`,
      values,
    );
    return toPage(rows, page, (row) => [row.seq]);
  }

  /** Up to `limit` entries of a school's chain after `afterSeq` (from the start when null), in chain order. */
  async chainBatchForSchool(schoolId: string, afterSeq: string | null, limit: number): Promise<StoredChainEntry[]> {
    return this.dataSource.query<StoredChainEntry[]>(
      `SELECT ${ENTRY_COLUMNS} FROM audit_events e
        WHERE e.school_id = $1 AND ($2::bigint IS NULL OR e.seq > $2::bigint)
        ORDER BY e.seq LIMIT $3`,
      [schoolId, afterSeq, limit],
    );
  }
}

/** The cursor is client-held: a seq that is not a bigint answers 400 instead of failing the cast. */
function seqOfCursor(page: PageQuery): string | null {
  if (!page.cursor) return null;
  const [seq] = decodeCursor(page.cursor, 1);
  if (typeof seq !== 'string' || !BIGINT.test(seq)) {
    throw new BadRequestProblem('pagination.invalid_cursor', 'The cursor is not one this list issued');
  }
  return seq;
}
