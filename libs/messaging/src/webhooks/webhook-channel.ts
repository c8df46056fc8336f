import { Injectable, Logger } from '@nestjs/common';
import { FieldCipher } from '#crypto';
import type { MessageChannel, OutgoingMessage } from '../channels/message-channel.js';
import { MessagingConfig } from '../messaging-config.js';
import { signWebhook } from '../signing/standard-webhook-signature.js';
import { errorCodeOf } from '../outbox/retry-policy.js';
import { secretBinding, WebhookEndpointRepository } from './webhook-endpoint.repository.js';
import { checkWebhookUrl } from './webhook-url.js';

const TIMEOUT_MS = 15_000;

const failure = (code: string) => Object.assign(new Error('webhook not delivered'), { code });

/** Why no answer came: `timeout`, or the socket's code (ECONNREFUSED, ENOTFOUND, ...) that fetch keeps in `cause`. */
function transportFailureOf(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'timeout';
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === 'string' ? code : 'network_error';
}

/**
 * A school's webhook endpoints (the outbox row's address is the endpoint's id): one JSON POST per
 * message, signed with the endpoint's secret as a Standard Webhook, the row's id as `webhook-id`.
 * Any 2xx is delivered; anything else (a redirect too: it is not followed), or no answer within
 * 15 s, is retried. Always on: an endpoint is registered through the API, not the environment.
 */
@Injectable()
export class WebhookChannel implements MessageChannel {
  readonly channel = 'webhook' as const;
  private readonly logger = new Logger(WebhookChannel.name);

  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly cipher: FieldCipher,
    private readonly config: MessagingConfig,
  ) {}

  async send(message: OutgoingMessage): Promise<void> {
    const endpoint = await this.endpoints.findForDelivery(message.schoolId, message.address);
    if (!endpoint) throw failure('endpoint_not_found');
    if (!endpoint.enabled) throw failure('endpoint_disabled');
    // Checked when saved; again here, in case the server moved to production since.
    if (!checkWebhookUrl(endpoint.url, this.config.production()).ok) throw failure('endpoint_url_not_allowed');
    const secret = this.cipher.decrypt(endpoint.secret, secretBinding(endpoint.id));
    const body = message.content.text;
    // The real time, not the Clock: receivers check the timestamp against their own clocks.
    const signed = signWebhook(secret, { id: message.id, timestamp: new Date(), body });
    const response = await fetch(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'campus-care-webhooks', ...signed },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    }).catch((error: unknown) => {
      throw failure(transportFailureOf(error));
    });
    await response.body?.cancel();
    if (!response.ok) throw Object.assign(new Error('webhook endpoint refused'), { status: response.status });
    // Delivered whatever happens next: a count left standing only switches the endpoint off a little sooner.
    await this.endpoints.recordDelivered(endpoint.id).catch((error: unknown) => {
      this.logger.warn({ msg: 'Could not reset a webhook endpoint\'s failure count', endpointId: endpoint.id, error: errorCodeOf(error) });
    });
  }
}
