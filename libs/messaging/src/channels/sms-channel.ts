import { signWebhook } from '../signing/standard-webhook-signature.js';
import type { MessageChannel, OutgoingMessage } from './message-channel.js';
import { smsSegments } from './sms-segments.js';

const TIMEOUT_MS = 15_000;

/** The body of the gateway POST (documented in the README, "Reaching people"). */
export interface SmsGatewayRequest {
  /** The outbox row's id, the same on every attempt: the relay dedupes on it. */
  id: string;
  to: string;
  text: string;
  /** The text cut into SMS segments of at most 70 characters (67 each when there are several). */
  segments: string[];
}

/**
 * SMS through the school's HTTP relay: one JSON POST per message, signed like a Standard
 * Webhook with SMS_GATEWAY_KEY (`webhook-id`, `webhook-timestamp`, `webhook-signature`). Any 2xx
 * is delivered; anything else, or no answer within 15 s, is retried.
 */
export class SmsChannel implements MessageChannel {
  readonly channel = 'sms' as const;

  constructor(
    private readonly url: string,
    private readonly key: string,
  ) {}

  async send(message: OutgoingMessage): Promise<void> {
    const request: SmsGatewayRequest = { id: message.id, to: message.address, text: message.content.sms, segments: smsSegments(message.content.sms) };
    const body = JSON.stringify(request);
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signWebhook(this.key, { id: message.id, timestamp: new Date(), body }) },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
    if (!response.ok) throw Object.assign(new Error('SMS gateway refused'), { status: response.status });
  }
}
