import { Injectable } from '@nestjs/common';
import { NotificationRepository } from '#notifications';
import { composeMessage } from '../content/message-content.js';
import { type DeadLetterHandler, DeadLetters } from './dead-letters.js';
import type { ClaimedMessage } from './message-delivery.repository.js';
import { StaffMessenger } from './staff-messenger.js';

/** What the administrators are told about a message that did not get through. */
export interface FailureNotice {
  /** The in-app notification's kind, e.g. `delivery.page_failed`. */
  kind: string;
  /** The notification's title (English, like every notification title). */
  title: string;
  subject: string;
  /** The message body in Chinese, then its English line, then the SMS. */
  line: string;
  english: string;
  sms: string;
}

/**
 * For messages whose failure matters to the school (a page, a duty officer's reachability test):
 * when one is given up on, the administrators hear of it inside the system and on their own
 * channels, at once, in the transaction that gives it up.
 */
@Injectable()
export class FailureNotices {
  constructor(
    private readonly deadLetters: DeadLetters,
    private readonly notifications: NotificationRepository,
    private readonly messenger: StaffMessenger,
  ) {}

  tellAdministrators(messageKind: string, noticeOf: (message: Omit<ClaimedMessage, 'content'>) => FailureNotice): void {
    const handler: DeadLetterHandler = async (manager, message, at) => {
      const notice = noticeOf(message);
      const admins = await this.notifications.notifyRoles(manager, message.schoolId, ['admin'], {
        kind: notice.kind,
        title: notice.title,
        entityType: message.entityType ?? undefined,
        entityId: message.entityId ?? undefined,
      });
      await this.messenger.send(manager, {
        schoolId: message.schoolId,
        recipientIds: admins,
        kind: notice.kind,
        urgency: 'urgent',
        dedupeKey: (adminId) => `failed:${message.id}:${adminId}`,
        entityType: message.entityType ?? undefined,
        entityId: message.entityId ?? undefined,
        occurredAt: at,
        content: () => composeMessage({ subject: notice.subject, lines: [notice.line], english: notice.english, sms: notice.sms }),
      });
    };
    this.deadLetters.onDead(messageKind, handler);
  }
}
