import { Injectable, Logger } from '@nestjs/common';
import type { ReminderMessage, ReminderSender } from './reminder-sender.js';

/** The default channel: a log line per delivery, with ids and times only, never names or notes. */
@Injectable()
export class LoggingReminderSender implements ReminderSender {
  private readonly logger = new Logger('ReminderDelivery');

  send(message: ReminderMessage): Promise<void> {
    this.logger.log({
      msg: 'Reminder delivered (logging sender)',
      deliveryId: message.idempotencyKey,
      event: message.event,
      recipientId: message.recipientId,
      ruleCode: message.ruleCode,
      dueAt: message.dueAt.toISOString(),
    });
    return Promise.resolve();
  }
}
