import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { composeMessage, MessagingConfig, StaffMessenger } from '#messaging';
import { LoggingReminderSender } from './logging-reminder-sender.js';
import type { ReminderMessage, ReminderSender } from './reminder-sender.js';

const DUE = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/**
 * Hands a reminder's notice to the recipient's own channel (email or SMS, the preferred one that
 * is verified), held through their quiet hours: a reminder is never urgent. The outbox row's id
 * keys the message, so a notice handed over twice is queued once. With no verified address, the
 * notice stays in the inbox and a log line says so.
 */
@Injectable()
export class MessagingReminderSender implements ReminderSender {
  private readonly fallback = new LoggingReminderSender();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly messenger: StaffMessenger,
    private readonly config: MessagingConfig,
  ) {}

  async send(message: ReminderMessage): Promise<void> {
    const [rule] = await this.dataSource.query<{ titleZh: string; titleEn: string }[]>(
      'SELECT rr.title_zh AS "titleZh", rr.title_en AS "titleEn" FROM reminders r JOIN reminder_rules rr ON rr.id = r.rule_id WHERE r.id = $1',
      [message.reminderId],
    );
    const escalated = message.event === 'escalated';
    const due = DUE.format(message.dueAt);
    const link = `${this.config.publicOrigin()}/console`;
    const delivered = await this.messenger.send(this.dataSource.manager, {
      schoolId: message.schoolId,
      recipientIds: [message.recipientId],
      kind: `reminder.${message.event}`,
      urgency: 'normal',
      dedupeKey: () => `reminder-delivery:${message.idempotencyKey}`,
      entityType: 'reminder',
      entityId: message.reminderId,
      occurredAt: message.dueAt,
      content: () =>
        composeMessage({
          subject: `【假期提醒】${rule?.titleZh ?? message.ruleCode}${escalated ? '（已逾期，转交您）' : ''} / Reminder`,
          lines: [`${escalated ? '一条提醒逾期未完成，现转交您：' : '您有一条提醒：'}${rule?.titleZh ?? message.ruleCode}，截止 ${due}。`],
          english: `${escalated ? 'Overdue and passed to you: ' : 'Reminder: '}${rule?.titleEn ?? message.ruleCode}.`,
          link: { label: '登录系统 / Sign in', url: link },
          sms: `【校园心理】${escalated ? '逾期提醒' : '提醒'}：${rule?.titleZh ?? message.ruleCode}，截止${due}。`,
        }),
    });
    if ((delivered.get(message.recipientId) ?? []).length === 0) await this.fallback.send(message);
  }
}
