import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn, VersionNumberColumn } from '#core';

/** The events a school's endpoint may subscribe to: a closed list, checked by the table too. */
export const WEBHOOK_EVENT_TYPES = ['alert.raised', 'alert.escalated', 'alert.acknowledged', 'audit.anchor', 'webhook.test'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Why an endpoint is off: its deliveries kept failing, or an administrator switched it off. */
export const WEBHOOK_DISABLED_REASONS = ['delivery_failures', 'administrator'] as const;
export type WebhookDisabledReason = (typeof WEBHOOK_DISABLED_REASONS)[number];

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * A school's webhook endpoint: where the events it subscribes to are POSTed, signed with its
 * secret (Standard Webhooks). The secret is encrypted (FieldCipher, bound to the row), answered
 * once when made or rotated. Three messages in a row given up on switch it off
 * (`disabled_reason = 'delivery_failures'`); re-enabling starts the count again.
 */
@Entity('webhook_endpoints')
@Index('webhook_endpoints_school_created_idx', ['schoolId', 'createdAt', 'id'])
@Check('webhook_endpoints_events_check', `cardinality(events) >= 1 AND events <@ ARRAY[${quoted(WEBHOOK_EVENT_TYPES)}]::text[]`)
@Check('webhook_endpoints_disabled_check', 'enabled = (disabled_at IS NULL) AND (disabled_at IS NULL) = (disabled_reason IS NULL)')
@Check('webhook_endpoints_disabled_reason_check', `disabled_reason IN (${quoted(WEBHOOK_DISABLED_REASONS)})`)
@Check('webhook_endpoints_failures_check', 'consecutive_failures >= 0')
export class WebhookEndpoint {
  /** Chosen by the writer: the secret is encrypted bound to it before the row exists. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'webhook_endpoints_school_fk' })
  school?: unknown;

  /** http(s), without credentials; in production never a loopback, private or link-local address. */
  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', array: true })
  events: WebhookEventType[];

  /** FieldCipher value of the `whsec_...` signing secret, bound to this row. */
  @Column({ type: 'text' })
  secret: string;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** Messages given up on since the last delivered one. */
  @Column({ type: 'int', default: 0 })
  consecutiveFailures: number;

  @TimestampColumn({ nullable: true })
  disabledAt: Date | null;

  @Column({ type: 'text', nullable: true })
  disabledReason: WebhookDisabledReason | null;

  @Column({ type: 'uuid' })
  createdBy: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'webhook_endpoints_created_by_fk' })
  creator?: unknown;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}
