import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock, ConflictProblem, escapeHtml, NotFoundProblem, type Page, type PageQuery, toPage } from '#core';
import type { Caller } from '#access';
import { type AuditActor, AuditAnchorService, type AuditAnchorView, AuditService } from '#audit';
import { composeMessage } from '../content/message-content.js';
import { MessageOutbox } from '../outbox/message-outbox.js';
import { WebhookEvents } from '../webhooks/webhook-events.js';
import type { AnchorDispatchSent, AnchorDispatchView, AnchorRecipientView, CreateAnchorRecipientDto } from './anchor-dispatch.dtos.js';
import { AnchorDispatchRepository } from './anchor-dispatch.repository.js';

const MAX_RECIPIENTS = 10;

/**
 * The school's signed audit anchor, sent out of the system so that it exists where nobody with
 * database access can reach it: to the recipients' email addresses and to the webhooks subscribed
 * to `audit.anchor`, automatically before each holiday and after each term, or when an
 * administrator asks. Taking the anchor, claiming the occasion and queuing the messages are one
 * transaction.
 */
@Injectable()
export class AnchorDispatchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly dispatches: AnchorDispatchRepository,
    private readonly anchors: AuditAnchorService,
    private readonly outbox: MessageOutbox,
    private readonly webhooks: WebhookEvents,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async listRecipients(caller: Caller, page: PageQuery): Promise<Page<AnchorRecipientView>> {
    return toPage(await this.dispatches.listRecipients(caller.schoolId, page), page, (r) => [r.createdAt.toISOString(), r.id]);
  }

  addRecipient(caller: Caller, dto: CreateAnchorRecipientDto): Promise<AnchorRecipientView> {
    return this.dataSource.transaction(async (manager) => {
      const added = await this.dispatches.addRecipient(manager, { schoolId: caller.schoolId, email: dto.email, label: dto.label, createdBy: caller.userId, at: this.clock.now() }, MAX_RECIPIENTS);
      if (added === 'duplicate') throw new ConflictProblem('audit.anchor_recipient_duplicate', 'This address already receives the audit anchor');
      if (added === 'too_many') throw new ConflictProblem('audit.anchor_recipients_too_many', `A school has at most ${MAX_RECIPIENTS} audit-anchor recipients`);
      await this.audit.record(manager, caller, { action: 'audit_anchor_recipient.create', entityType: 'audit_anchor_recipient', entityId: added.id });
      return added;
    });
  }

  removeRecipient(caller: Caller, id: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.dispatches.removeRecipient(manager, caller.schoolId, id))) {
        throw new NotFoundProblem('audit.anchor_recipient_not_found', 'No such audit-anchor recipient');
      }
      await this.audit.record(manager, caller, { action: 'audit_anchor_recipient.delete', entityType: 'audit_anchor_recipient', entityId: id });
    });
  }

  async listDispatches(caller: Caller, page: PageQuery): Promise<Page<AnchorDispatchView>> {
    return toPage(await this.dispatches.listDispatches(caller.schoolId, page), page, (d) => [d.dispatchedAt.toISOString(), d.id]);
  }

  /** Sends the anchor now, at an administrator's request; 409 when nobody would receive it. */
  async dispatchNow(caller: Caller): Promise<AnchorDispatchSent> {
    const sent = await this.dataSource.transaction((manager) => this.dispatch(manager, caller, `manual:${randomUUID()}`, caller.userId));
    if (!sent) throw new Error('A fresh manual occasion was taken already');
    return sent;
  }

  /** The scheduled occasions due now; each is sent once, whichever instance gets there first. Returns how many were sent. */
  async dispatchDue(): Promise<number> {
    let sent = 0;
    for (const due of await this.dispatches.dueOccasions(this.clock.now())) {
      try {
        if (await this.dataSource.transaction((manager) => this.dispatch(manager, { schoolId: due.schoolId, userId: null }, due.occasion, null))) sent += 1;
      } catch (error) {
        // The last recipient went since the occasions were read: nothing to send, nothing kept.
        if (!(error instanceof ConflictProblem)) throw error;
      }
    }
    return sent;
  }

  private async dispatch(
    manager: EntityManager,
    actor: AuditActor & { schoolId: string },
    occasion: string,
    requestedBy: string | null,
  ): Promise<AnchorDispatchSent | null> {
    const now = this.clock.now();
    const id = randomUUID();
    if (!(await this.dispatches.claim(manager, { id, schoolId: actor.schoolId, occasion, at: now, requestedBy }))) return null;
    const anchor = await this.anchors.takeIn(manager, actor);
    const emails = await this.dispatches.recipientEmails(manager, actor.schoolId);
    const content = anchorMessage(anchor, occasion);
    const queuedEmails = await this.outbox.enqueue(
      manager,
      emails.map((email) => ({
        schoolId: actor.schoolId,
        recipientId: null,
        channel: 'email' as const,
        address: email,
        kind: 'audit.anchor',
        urgency: 'normal' as const,
        dedupeKey: `audit-anchor:${id}`,
        entityType: 'audit_anchor_dispatch',
        entityId: id,
        occurredAt: now,
        content,
      })),
      now,
    );
    const queuedWebhooks = await this.webhooks.publish(manager, {
      schoolId: actor.schoolId,
      type: 'audit.anchor',
      data: { ...anchor, occasion },
      occurredAt: now,
      entityType: 'audit_anchor_dispatch',
      entityId: id,
    });
    // Thrown inside the transaction: the claim and the anchor's read are undone with it.
    if (queuedEmails.length + queuedWebhooks === 0) {
      throw new ConflictProblem('audit.no_anchor_recipients', 'Nobody would receive the anchor: add a recipient or a webhook subscribed to audit.anchor first');
    }
    await this.audit.record(manager, actor, {
      action: 'audit_anchor.dispatch',
      entityType: 'audit_anchor_dispatch',
      entityId: id,
      reason: `${occasion}: ${queuedEmails.length} emails, ${queuedWebhooks} webhooks`,
    });
    const view = await this.dispatches.complete(manager, id, { anchorSeq: anchor.seq, emails: queuedEmails.length, webhooks: queuedWebhooks });
    return { ...view, anchor };
  }
}

/** The anchor as an email: its JSON, to paste into `POST /api/v1/audit-events/verify` later. */
function anchorMessage(anchor: AuditAnchorView, occasion: string) {
  const json = JSON.stringify(anchor, null, 2);
  const why = occasion.startsWith('holiday:') ? '假期开始前' : occasion.startsWith('term_end:') ? '学期结束时' : '应管理员要求';
  const content = composeMessage({
    subject: `campus-care 审计锚点 / audit anchor (${anchor.at.slice(0, 10)})`,
    lines: [
      `这是本校审计记录在 ${anchor.at} 的签名锚点（${why}自动发送）。请原样保存本邮件，不要修改。`,
      '日后核查时，将下面的 JSON 提交给系统的审计核验，即可证明此后没有审计记录被删除或篡改。',
      json,
    ],
    english: 'The signed anchor of the school\'s audit trail. Keep this email unchanged: presented to the audit verification later, it proves that no entry up to it was deleted or altered since.',
    sms: '',
  });
  // The JSON reads best unwrapped.
  return { ...content, html: content.html.replace(`<p>${escapeHtml(json)}</p>`, `<pre>${escapeHtml(json)}</pre>`) };
}
