import type { DeliveryEvent } from '../entities/reminder-delivery.entity.js';

/**
 * What another channel (email, SMS, webhook) is handed for one outbox row. Delivery is at least
 * once: a crash between sending and marking sends the row again, so receivers must dedupe on
 * `idempotencyKey` (the outbox row's id, the same on every attempt). No names or notes: channels
 * are outside the confidentiality walls; the receiver looks the reminder up with its own access.
 */
export interface ReminderMessage {
  idempotencyKey: string;
  event: DeliveryEvent;
  schoolId: string;
  reminderId: string;
  recipientId: string;
  ruleCode: string;
  dueAt: Date;
  /** 1 on the first attempt. */
  attempt: number;
}

/** A channel; throws to have the row retried later with back-off. */
export interface ReminderSender {
  send(message: ReminderMessage): Promise<void>;
}

/** Injection token of the configured sender. */
export const REMINDER_SENDER = Symbol('REMINDER_SENDER');
