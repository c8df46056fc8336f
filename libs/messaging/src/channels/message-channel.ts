import type { Channel } from '../entities/outbound-message.entity.js';
import type { MessageContent } from '../content/message-content.js';

/** What a channel is handed for one outbox row. */
export interface OutgoingMessage {
  /** The row's id, the same on every attempt: receivers dedupe on it. */
  id: string;
  schoolId: string;
  address: string;
  kind: string;
  content: MessageContent;
  /** 1 on the first attempt. */
  attempt: number;
}

/**
 * One way out of the system. Delivery is at least once: a crash between sending and marking
 * sends the row again after its lease, with the same id. Throws to have the row retried later;
 * the error's code (an SMTP or HTTP status) is recorded, never its message.
 */
export interface MessageChannel {
  readonly channel: Channel;
  send(message: OutgoingMessage): Promise<void>;
}

/** Injection token of the configured channels (a MessageChannel[]). */
export const MESSAGE_CHANNELS = Symbol('MESSAGE_CHANNELS');
