import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn } from '#core';

/**
 * One person paged for an alert at one level, with the one-time link they got (`/a/{token}`).
 * Only the token's SHA-256 is kept: the link is in the message (encrypted in the outbox) and
 * nowhere else. The link works once, until `expires_at`, and not after the alert is acknowledged.
 */
@Entity('alert_pages')
@Index('alert_pages_alert_recipient_level_key', ['alertId', 'recipientId', 'level'], { unique: true })
@Index('alert_pages_token_hash_key', ['tokenHash'], { unique: true })
export class AlertPage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'alert_pages_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  alertId: string;

  @ManyToOne('Alert', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'alert_id', foreignKeyConstraintName: 'alert_pages_alert_fk' })
  alert?: unknown;

  @Column({ type: 'uuid' })
  recipientId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id', foreignKeyConstraintName: 'alert_pages_recipient_fk' })
  recipient?: unknown;

  /** The escalation level it was sent at: 0 when raised (the officer on duty). */
  @Column({ type: 'smallint' })
  level: number;

  /** Hex SHA-256 of the link's token. */
  @Column({ type: 'text' })
  tokenHash: string;

  @TimestampColumn()
  expiresAt: Date;

  /** When the link was used ("I'm on it"); it works once. */
  @TimestampColumn({ nullable: true })
  usedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;
}
