import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DeadLetters, StaffMessenger, composeMessage, type DeadLetterHandler } from '#messaging';
import { NotificationRepository } from '#notifications';

/**
 * A page that could not be delivered is itself news for the administrators: someone who should
 * have been reached was not (a wrong number, a full mailbox, a relay down). They are told inside
 * the system and on their own channels, at once, in the transaction that gives the page up.
 */
@Injectable()
export class PageFailures implements OnModuleInit {
  constructor(
    private readonly deadLetters: DeadLetters,
    private readonly notifications: NotificationRepository,
    private readonly messenger: StaffMessenger,
  ) {}

  onModuleInit(): void {
    this.deadLetters.onDead('alert.page', this.tellAdministrators);
  }

  private readonly tellAdministrators: DeadLetterHandler = async (manager: EntityManager, message, at) => {
    if (!message.entityId) return;
    const admins = await this.notifications.notifyRoles(manager, message.schoolId, ['admin'], {
      kind: 'delivery.page_failed',
      title: `A page by ${message.channel === 'sms' ? 'SMS' : 'email'} about an alert could not be delivered; check the recipient's contact details and reach them another way`,
      entityType: 'alert',
      entityId: message.entityId,
    });
    await this.messenger.send(manager, {
      schoolId: message.schoolId,
      recipientIds: admins,
      kind: 'delivery.page_failed',
      urgency: 'urgent',
      dedupeKey: (adminId) => `page-failed:${message.id}:${adminId}`,
      entityType: 'alert',
      entityId: message.entityId,
      occurredAt: at,
      content: () =>
        composeMessage({
          subject: '【送达失败】一条紧急预警未能送达 / A page was not delivered',
          lines: [`一条紧急预警的${message.channel === 'sms' ? '短信' : '邮件'}未能送达值班人员，请立即改用其他方式联系，并核对其联系方式。`],
          english: 'A page about a critical alert could not be delivered. Reach the person another way now and check their contact details.',
          sms: `【校园心理】紧急预警${message.channel === 'sms' ? '短信' : '邮件'}未能送达，请立即登录系统处理。`,
        }),
    });
  };
}
