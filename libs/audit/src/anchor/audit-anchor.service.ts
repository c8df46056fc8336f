import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { BadRequestProblem, Clock } from '#core';
import type { Caller } from '#access';
import { type AuditActor, AuditService } from '../audit.service.js';
import { AuditTrailService } from '../trail/audit-trail.service.js';
import { anchorStatus, type AuditAnchorFields, hasValidAnchorSignature, signAuditAnchor } from './audit-anchor.js';
import { AuditAnchorConfig } from './audit-anchor-config.js';
import { AuditAnchorRepository } from './audit-anchor.repository.js';
import type { AnchoredChainVerification, AuditAnchorView } from './audit-anchor.view.js';
import type { AuditAnchorDto } from './verify-audit-trail.dto.js';

/**
 * Signed statements of a school's chain head, kept by administrators outside the system. The chain
 * alone cannot show that its newest entries were deleted (what remains still links up); an anchor
 * taken before can, since the entry it names must still be there with the same hash.
 */
@Injectable()
export class AuditAnchorService {
  private readonly key: Uint8Array;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly anchors: AuditAnchorRepository,
    private readonly trail: AuditTrailService,
    private readonly clock: Clock,
    config: AuditAnchorConfig,
  ) {
    this.key = config.anchorKey();
  }

  async take(caller: Caller): Promise<AuditAnchorView> {
    return this.dataSource.transaction((manager) => this.takeIn(manager, caller));
  }

  /**
   * An anchor of the actor's school in the caller's transaction (the scheduled dispatch takes one
   * as the system). Writes the read's entry first: flush() holds the chain lock until commit, so
   * the head read next is that very entry.
   */
  async takeIn(manager: EntityManager, actor: AuditActor & { schoolId: string }): Promise<AuditAnchorView> {
    await this.audit.record(manager, actor, { action: 'audit_anchor.read' });
    await this.audit.flush(manager);
    const head = await this.anchors.headOfSchool(manager, actor.schoolId);
    if (!head) throw new Error('The audit entry of this read is missing from its own transaction');
    const anchor: AuditAnchorFields = { schoolId: actor.schoolId, ...head, at: this.clock.now() };
    return { ...anchor, at: anchor.at.toISOString(), signature: signAuditAnchor(anchor, this.key) };
  }

  /** The whole chain check; with an anchor, also whether the entry it names survived unchanged. */
  async verify(caller: Caller, given?: AuditAnchorDto): Promise<AnchoredChainVerification> {
    const anchor = given ? this.authenticAnchorOf(caller, given) : null;
    const chain = await this.trail.verify(caller);
    if (!anchor) return { ...chain, anchor: null };
    const now = await this.anchors.entryOfSchool(caller.schoolId, anchor.seq);
    const status = anchorStatus(anchor, now, chain.firstBrokenSeq);
    return { ...chain, ok: chain.ok && status === 'intact', anchor: { seq: anchor.seq, at: anchor.at.toISOString(), status } };
  }

  /** Forged, damaged and other schools' anchors get the same answer: nobody learns which one it was. */
  private authenticAnchorOf(caller: Caller, given: AuditAnchorDto): AuditAnchorFields {
    const anchor: AuditAnchorFields = { schoolId: given.schoolId, seq: given.seq, hash: given.hash, count: given.count, at: new Date(given.at) };
    if (given.schoolId !== caller.schoolId || !hasValidAnchorSignature(anchor, given.signature, this.key)) {
      throw new BadRequestProblem('audit.anchor_invalid', 'The anchor was not issued by this system for this school, or was changed since');
    }
    return anchor;
  }
}
