import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { applyKeyset, BadRequestProblem, decodeCursor, type Page, type PageQuery, toPage } from '#core';
import { type AuditOutcome, AuditEvent } from '../entities/audit-event.entity.js';

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

/** Reads of the audit trail. It is never written here: appends go through AuditService. */
@Injectable()
export class AuditEventRepository {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  /** One page of a school's trail, newest first, keyed on `seq`. */
  async listForSchool(schoolId: string, filter: AuditEventFilter, page: PageQuery): Promise<Page<AuditEvent>> {
    assertSeqCursor(page);
    const qb = this.events.createQueryBuilder('e').where('e.school_id = :schoolId', { schoolId });
    if (filter.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.studentId) qb.andWhere('e.student_id = :studentId', { studentId: filter.studentId });
    if (filter.entityType) qb.andWhere('e.entity_type = :entityType', { entityType: filter.entityType });
    if (filter.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.actions?.length) qb.andWhere('e.action IN (:...actions)', { actions: filter.actions });
    if (filter.outcome) qb.andWhere('e.outcome = :outcome', { outcome: filter.outcome });
    if (filter.occurredFrom) qb.andWhere('e.occurred_at >= :occurredFrom', { occurredFrom: filter.occurredFrom });
    if (filter.occurredBefore) qb.andWhere('e.occurred_at < :occurredBefore', { occurredBefore: filter.occurredBefore });
    const rows = await applyKeyset(qb, { columns: ['e.seq'], direction: 'DESC', casts: ['bigint'] }, page).getMany();
    return toPage(rows, page, (row) => [row.seq]);
  }

  /** Up to `limit` entries of a school's chain after `afterSeq` (from the start when null), in chain order. */
  async chainBatchForSchool(schoolId: string, afterSeq: string | null, limit: number): Promise<AuditEvent[]> {
    const qb = this.events.createQueryBuilder('e').where('e.school_id = :schoolId', { schoolId });
    if (afterSeq !== null) qb.andWhere('e.seq > :afterSeq::bigint', { afterSeq });
    return qb.orderBy('e.seq', 'ASC').limit(limit).getMany();
  }
}

/** The cursor is client-held: a seq that is not a bigint answers 400 instead of failing the cast. */
function assertSeqCursor(page: PageQuery): void {
  if (!page.cursor) return;
  const [seq] = decodeCursor(page.cursor, 1);
  if (typeof seq !== 'string' || !BIGINT.test(seq)) {
    throw new BadRequestProblem('pagination.invalid_cursor', 'The cursor is not one this list issued');
  }
}
