import { Injectable } from '@nestjs/common';
import { BadRequestProblem, type Page } from '#core';
import type { Caller } from '#access';
import { CHAIN_START, verifyChainBatch } from '../chain/chain-verification.js';
import { AuditAnchorConfig } from '../anchor/audit-anchor-config.js';
import { AuditEventRepository } from './audit-event.repository.js';
import { type AuditEventView, type ChainVerification, toAuditEventView } from './audit-event.view.js';
import type { ListAuditEventsQuery } from './list-audit-events.query.js';

/** Rows per round trip when verifying: memory stays bounded however long the trail grows. */
export const VERIFY_BATCH_SIZE = 1_000;

/**
 * The read side of the audit trail, always within the caller's school. Reads of the trail are
 * deliberately not audited themselves: every page read would append to what is being read.
 */
@Injectable()
export class AuditTrailService {
  private readonly chainKey: Buffer;

  constructor(
    private readonly events: AuditEventRepository,
    config: AuditAnchorConfig,
  ) {
    this.chainKey = config.chainKey();
  }

  async list(caller: Caller, query: ListAuditEventsQuery): Promise<Page<AuditEventView>> {
    const occurredFrom = query.from ? new Date(query.from) : undefined;
    const occurredBefore = query.to ? new Date(query.to) : undefined;
    if (occurredFrom && occurredBefore && occurredFrom > occurredBefore) {
      throw new BadRequestProblem('audit.invalid_range', '`from` must not be after `to`', [
        { field: 'from', message: 'must not be after to' },
      ]);
    }
    const page = await this.events.listForSchool(
      caller.schoolId,
      {
        actorId: query.actorId,
        studentId: query.studentId,
        entityType: query.entityType,
        entityId: query.entityId,
        actions: query.action,
        outcome: query.outcome,
        occurredFrom,
        occurredBefore,
      },
      query,
    );
    return { items: page.items.map(toAuditEventView), nextCursor: page.nextCursor };
  }

  /**
   * Walks the school's chain from its first entry, batch by batch, and names the first broken entry.
   * A chain with entries but none keyed proves nothing (every chain gets a keyed entry at start,
   * AuditService.keyUnkeyedChains): someone rewrote it unkeyed from its first keyed entry on, or earlier.
   */
  async verify(caller: Caller): Promise<ChainVerification> {
    let position = CHAIN_START;
    let afterSeq: string | null = null;
    let firstSeq: string | null = null;
    let checked = 0;
    for (;;) {
      const batch = await this.events.chainBatchForSchool(caller.schoolId, afterSeq, VERIFY_BATCH_SIZE);
      firstSeq ??= batch[0]?.seq ?? null;
      const result = verifyChainBatch(batch, position, this.chainKey);
      checked += result.checked;
      if (result.firstBrokenSeq !== null) return { ok: false, checked, firstBrokenSeq: result.firstBrokenSeq };
      if (batch.length < VERIFY_BATCH_SIZE) {
        return firstSeq !== null && !result.keyed ? { ok: false, checked, firstBrokenSeq: firstSeq } : { ok: true, checked, firstBrokenSeq: null };
      }
      position = result;
      afterSeq = batch[batch.length - 1].seq;
    }
  }
}
