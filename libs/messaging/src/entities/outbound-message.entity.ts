import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { CreatedAtColumn, TimestampColumn } from '#core';

export const CHANNELS = ['email', 'sms', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * How hard the outbox tries: a `page` (a critical alert to the person who must act now) goes to
 * every verified channel at once, ignores quiet hours and retries within seconds; `urgent` goes
 * to the preferred channel and ignores quiet hours; `normal` waits for the end of quiet hours.
 */
export const URGENCIES = ['page', 'urgent', 'normal'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const OUTBOUND_MESSAGE_DEDUPE = 'outbound_messages_dedupe_key';

/**
 * The delivery outbox of every channel: written in the transaction of what it tells of, read by
 * MessageDeliveryJob, which hands each row to its channel until it is sent or, after
 * `max_attempts`, dead. `content` (subject, text, HTML) is encrypted: it may hold a one-time link
 * or a code, and a student's name where the recipient may see it. The row id is the idempotency
 * key receivers dedupe on; (dedupe_key, channel, address) makes enqueueing the same thing twice a no-op.
 */
@Entity('outbound_messages')
@Unique(OUTBOUND_MESSAGE_DEDUPE, ['dedupeKey', 'channel', 'address'])
@Index('outbound_messages_pending_idx', ['nextAttemptAt', 'id'], { where: 'sent_at IS NULL AND dead_at IS NULL' })
@Index('outbound_messages_school_created_idx', ['schoolId', 'createdAt', 'id'])
@Index('outbound_messages_entity_idx', ['entityId'], { where: 'entity_id IS NOT NULL' })
@Index('outbound_messages_recipient_idx', ['recipientId', 'createdAt'], { where: 'recipient_id IS NOT NULL' })
@Check('outbound_messages_channel_check', `channel IN ('email', 'sms', 'webhook')`)
@Check('outbound_messages_urgency_check', `urgency IN ('page', 'urgent', 'normal')`)
@Check('outbound_messages_sent_or_dead_check', 'sent_at IS NULL OR dead_at IS NULL')
@Check('outbound_messages_attempts_check', 'attempts BETWEEN 0 AND max_attempts')
export class OutboundMessage {
  /** Chosen by the writer: the content is encrypted bound to it before the row exists. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'outbound_messages_school_fk' })
  school?: unknown;

  /** The staff member it goes to; null for an address outside the school (a bureau, a webhook). */
  @Column({ type: 'uuid', nullable: true })
  recipientId: string | null;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recipient_id', foreignKeyConstraintName: 'outbound_messages_recipient_fk' })
  recipient?: unknown;

  @Column({ type: 'text' })
  channel: Channel;

  /** An email address, a mobile number, or a webhook endpoint's id. */
  @Column({ type: 'text' })
  address: string;

  /** What it is, e.g. `alert.page`, `reminder.created`, `contact.verification`. */
  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  urgency: Urgency;

  /** The thing it tells of, once per channel and address: e.g. `alert-page:<page id>`. */
  @Column({ type: 'text' })
  dedupeKey: string;

  @Column({ type: 'text', nullable: true })
  entityType: string | null;

  @Column({ type: 'uuid', nullable: true })
  entityId: string | null;

  /** When what it tells of happened (an alert raised): the delivery report measures from here. */
  @TimestampColumn()
  occurredAt: Date;

  /** FieldCipher JSON of { subject, text, html }, bound to this row. */
  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'int' })
  maxAttempts: number;

  @TimestampColumn()
  nextAttemptAt: Date;

  @TimestampColumn({ nullable: true })
  sentAt: Date | null;

  /** Given up on after `max_attempts` failures: the dead letters. */
  @TimestampColumn({ nullable: true })
  deadAt: Date | null;

  /** The channel's last failure, without personal data (a status code or an error class). */
  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @CreatedAtColumn()
  createdAt: Date;
}
