import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FieldCipher } from '#crypto';
import type { MessageContent } from '../content/message-content.js';
import type { Channel, Urgency } from '../entities/outbound-message.entity.js';
import { maxAttemptsFor } from './retry-policy.js';

export interface NewOutboundMessage {
  schoolId: string;
  recipientId: string | null;
  channel: Channel;
  address: string;
  kind: string;
  urgency: Urgency;
  /** What it tells of; the same key, channel and address are queued once. */
  dedupeKey: string;
  entityType?: string;
  entityId?: string;
  occurredAt: Date;
  content: MessageContent;
  /** Not before this instant (the end of the recipient's quiet hours); now when absent. */
  notBefore?: Date;
}

export const contentBinding = (id: string) => ({ table: 'outbound_messages', column: 'content', rowId: id });

/** Writes the outbox in the caller's transaction: the message exists exactly when what it tells of does. */
@Injectable()
export class MessageOutbox {
  constructor(private readonly cipher: FieldCipher) {}

  /** Queues the messages in one statement; returns the ids of those not queued before. */
  async enqueue(manager: EntityManager, messages: NewOutboundMessage[], now: Date): Promise<string[]> {
    if (messages.length === 0) return [];
    const ids = messages.map(() => randomUUID());
    const column = <T>(pick: (m: NewOutboundMessage) => T) => messages.map(pick);
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO outbound_messages (id, school_id, recipient_id, channel, address, kind, urgency, dedupe_key, entity_type, entity_id,
                                      occurred_at, content, max_attempts, next_attempt_at, created_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                            $10::uuid[], $11::timestamptz[], $12::text[], $13::int[], $14::timestamptz[], $15::timestamptz[])
       ON CONFLICT ON CONSTRAINT outbound_messages_dedupe_key DO NOTHING
       RETURNING id`,
      [
        ids,
        column((m) => m.schoolId),
        column((m) => m.recipientId),
        column((m) => m.channel),
        column((m) => m.address),
        column((m) => m.kind),
        column((m) => m.urgency),
        column((m) => m.dedupeKey),
        column((m) => m.entityType ?? null),
        column((m) => m.entityId ?? null),
        column((m) => m.occurredAt),
        messages.map((m, i) => this.cipher.encrypt(JSON.stringify(m.content), contentBinding(ids[i]))),
        column((m) => maxAttemptsFor(m.urgency)),
        column((m) => (m.notBefore && m.notBefore > now ? m.notBefore : now)),
        column(() => now),
      ],
    );
    return rows.map((r) => r.id);
  }
}
