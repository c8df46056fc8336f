import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AuditService } from '#audit';
import { NotificationRepository } from '#notifications';
import { composeMessage } from '../content/message-content.js';
import { WEBHOOK_EVENT_TYPES } from '../entities/webhook-endpoint.entity.js';
import { type DeadLetterHandler, DeadLetters } from '../outbox/dead-letters.js';
import { StaffMessenger } from '../outbox/staff-messenger.js';
import { WebhookEndpointRepository } from './webhook-endpoint.repository.js';
import { webhookMessageKind } from './webhook-events.js';

/** Messages in a row given up on that switch an endpoint off. */
export const WEBHOOK_DISABLE_AFTER = 3;

/**
 * An endpoint that keeps failing is switched off rather than retried forever, and the school's
 * administrators are told, inside the system and on their own channels, in the transaction that
 * gives the third message up: an integration they rely on has gone quiet.
 */
@Injectable()
export class WebhookFailures implements OnModuleInit {
  constructor(
    private readonly deadLetters: DeadLetters,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly notifications: NotificationRepository,
    private readonly messenger: StaffMessenger,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    for (const type of WEBHOOK_EVENT_TYPES) this.deadLetters.onDead(webhookMessageKind(type), this.countFailure);
  }

  private readonly countFailure: DeadLetterHandler = async (manager, message, at) => {
    const endpointId = message.address;
    const outcome = await this.endpoints.countGivenUp(manager, message.schoolId, endpointId, WEBHOOK_DISABLE_AFTER, at);
    if (!outcome?.disabled) return;
    const host = new URL(outcome.url).host;
    await this.audit.record(manager, { schoolId: message.schoolId }, {
      action: 'webhook.disable',
      severity: 'high',
      entityType: 'webhook_endpoint',
      entityId: endpointId,
      reason: `${WEBHOOK_DISABLE_AFTER} messages in a row could not be delivered`,
      changedFields: ['enabled'],
    });
    const admins = await this.notifications.notifyRoles(manager, message.schoolId, ['admin'], {
      kind: 'webhook.disabled',
      title: `The webhook endpoint at ${host} was switched off: ${WEBHOOK_DISABLE_AFTER} messages in a row could not be delivered. Fix it, then enable it again`,
      entityType: 'webhook_endpoint',
      entityId: endpointId,
    });
    await this.messenger.send(manager, {
      schoolId: message.schoolId,
      recipientIds: admins,
      kind: 'webhook.disabled',
      urgency: 'urgent',
      dedupeKey: (adminId) => `webhook-disabled:${message.id}:${adminId}`,
      entityType: 'webhook_endpoint',
      entityId: endpointId,
      occurredAt: at,
      content: () =>
        composeMessage({
          subject: '【推送已停用】一个 Webhook 地址连续送达失败 / A webhook endpoint was switched off',
          lines: [`发往 ${host} 的 Webhook 连续 ${WEBHOOK_DISABLE_AFTER} 条未能送达，已自动停用。请检查接收端，修复后重新启用。`],
          english: `Webhook deliveries to ${host} failed ${WEBHOOK_DISABLE_AFTER} times in a row, so the endpoint was switched off. Fix the receiver, then enable it again.`,
          sms: `【校园心理】Webhook（${host}）连续送达失败，已停用，请登录系统处理。`,
        }),
    });
  };
}
