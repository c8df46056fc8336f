import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn } from '#core';

/**
 * A code sent to an address to prove it reaches its owner. Only the code's HMAC is kept; a few
 * wrong tries use it up, and a new request replaces it.
 */
@Entity('contact_verifications')
@Index('contact_verifications_open_key', ['userId', 'channel'], { unique: true, where: 'consumed_at IS NULL' })
@Check('contact_verifications_channel_check', `channel IN ('email', 'sms')`)
export class ContactVerification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'contact_verifications_user_fk' })
  user?: unknown;

  @Column({ type: 'text' })
  channel: 'email' | 'sms';

  /** The address the code went to: changing the address before confirming leaves it unverified. */
  @Column({ type: 'text' })
  address: string;

  @Column({ type: 'text' })
  codeHash: string;

  @Column({ type: 'int', default: 0 })
  failedTries: number;

  @TimestampColumn()
  expiresAt: Date;

  /** Confirmed, replaced or used up. */
  @TimestampColumn({ nullable: true })
  consumedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;
}
