import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn } from '#core';

export const DELIVERY_EVENTS = ['created', 'escalated'] as const;
export type DeliveryEvent = (typeof DELIVERY_EVENTS)[number];

/**
 * The delivery outbox: written in the same transaction as the reminder (or its escalation), read
 * by the delivery job, which hands each row to the configured sender until it succeeds. Delivery
 * is at least once; the row id is the idempotency key the receiving side dedupes on.
 */
@Entity('reminder_deliveries')
@Index('reminder_deliveries_pending_idx', ['nextAttemptAt', 'id'], { where: 'delivered_at IS NULL AND skipped_at IS NULL' })
@Index('reminder_deliveries_reminder_idx', ['reminderId'])
@Check('reminder_deliveries_event_check', `event IN ('created', 'escalated')`)
@Check('reminder_deliveries_sent_or_skipped_check', 'delivered_at IS NULL OR skipped_at IS NULL')
export class ReminderDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'reminder_deliveries_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  reminderId: string;

  @ManyToOne('Reminder', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reminder_id', foreignKeyConstraintName: 'reminder_deliveries_reminder_fk' })
  reminder?: unknown;

  @Column({ type: 'uuid' })
  recipientId: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recipient_id', foreignKeyConstraintName: 'reminder_deliveries_recipient_fk' })
  recipient?: unknown;

  @Column({ type: 'text' })
  event: DeliveryEvent;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @TimestampColumn()
  nextAttemptAt: Date;

  @TimestampColumn({ nullable: true })
  deliveredAt: Date | null;

  /**
   * When the job let the row go unsent because it no longer said anything: its reminder was done
   * (or, for the "created" notice, already seen in the inbox) before it went out.
   */
  @TimestampColumn({ nullable: true })
  skippedAt: Date | null;

  /** The sender's last failure, without personal data (a status code or an error class). */
  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @CreatedAtColumn()
  createdAt: Date;
}
