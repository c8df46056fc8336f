import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { API_PREFIX, Clock } from '#core';
import type { MessageContent } from '../content/message-content.js';
import type { WebhookEventType } from '../entities/webhook-endpoint.entity.js';
import { MessagingConfig } from '../messaging-config.js';
import { MessageOutbox, type NewOutboundMessage } from '../outbox/message-outbox.js';
import { WebhookEndpointRepository } from './webhook-endpoint.repository.js';

/**
 * What an event says: ids, levels, times and a link into the system, flat. Never a student's name,
 * a score, a note, a reason or a risk level: the receiver is outside the school's walls, and
 * whoever follows the link meets the system's own access checks.
 */
export type WebhookEventData = Record<string, string | number | boolean | null>;

export interface WebhookEvent {
  schoolId: string;
  type: WebhookEventType;
  data: WebhookEventData;
  /** When it happened: the body's `timestamp`. */
  occurredAt: Date;
  entityType?: string;
  entityId?: string;
}

/** The body of every delivery (Standard Webhooks' payload shape), stored as the message's text. */
export interface WebhookPayload {
  type: WebhookEventType;
  /** ISO 8601, UTC. */
  timestamp: string;
  data: WebhookEventData;
}

/** The outbox kind of an event's messages: `webhook.alert.raised`, ... (dead letters are handled per kind). */
export const webhookMessageKind = (type: WebhookEventType) => `webhook.${type}`;

/**
 * Publishes events to the school endpoints subscribed to them, through the outbox, in the
 * caller's transaction: an event goes out exactly when what it tells of committed.
 */
@Injectable()
export class WebhookEvents {
  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly outbox: MessageOutbox,
    private readonly config: MessagingConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * One message per enabled endpoint of the event's school subscribed to its type, in two
   * statements however many events (one read of the endpoints, one insert). Returns how many were queued.
   */
  async publish(manager: EntityManager, events: WebhookEvent | WebhookEvent[]): Promise<number> {
    const list = Array.isArray(events) ? events : [events];
    if (list.length === 0) return 0;
    const subscribed = await this.endpoints.subscribedTo(manager, list);
    const ids = list.map(() => randomUUID());
    const rows = subscribed.map(({ endpointId, index }) => this.messageOf(ids[index], endpointId, list[index]));
    return (await this.outbox.enqueue(manager, rows, this.clock.now())).length;
  }

  /** The event to one endpoint whatever it subscribes to (the test event); the message's id. */
  async publishTo(manager: EntityManager, endpointId: string, event: WebhookEvent): Promise<string> {
    const [messageId] = await this.outbox.enqueue(manager, [this.messageOf(randomUUID(), endpointId, event)], this.clock.now());
    return messageId;
  }

  /** The API address of a resource (`alerts/<id>`), for an event's `link`. */
  apiLink(path: string): string {
    return `${this.config.publicOrigin()}/${API_PREFIX}/${path}`;
  }

  private messageOf(eventId: string, endpointId: string, event: WebhookEvent): NewOutboundMessage {
    const payload: WebhookPayload = { type: event.type, timestamp: event.occurredAt.toISOString(), data: event.data };
    return {
      schoolId: event.schoolId,
      recipientId: null,
      channel: 'webhook',
      address: endpointId,
      kind: webhookMessageKind(event.type),
      urgency: 'urgent',
      dedupeKey: `webhook-event:${eventId}:${endpointId}`,
      entityType: event.entityType,
      entityId: event.entityId,
      occurredAt: event.occurredAt,
      content: webhookContent(event.type, JSON.stringify(payload)),
    };
  }
}

/** A webhook's message holds its body as the text; the other forms are unused. */
const webhookContent = (type: WebhookEventType, body: string): MessageContent => ({ subject: type, text: body, html: '', sms: '' });
