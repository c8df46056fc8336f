import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn } from '#core';

export const DUTY_REACHABILITY_CHECK_UNIQUE = 'duty_reachability_checks_holiday_officer_key';

/**
 * Before a holiday, each officer of its duty roster gets a test message on every verified channel
 * with a one-tap link (`/r/{token}`); tapping it confirms that the messages reach them. One row per
 * holiday and officer. Only the SHA-256 of the link's token is kept, and only once the message went
 * out (`sent_at`, `channels`): a check whose officer had no verified channel is sent, with a fresh
 * link, once they have one. `admins_told_at`: when the administrators were told that the officer
 * had not confirmed 24 hours before their first shift (once per officer and holiday).
 */
@Entity('duty_reachability_checks')
@Index(DUTY_REACHABILITY_CHECK_UNIQUE, ['holidayId', 'officerId'], { unique: true })
@Index('duty_reachability_checks_token_hash_key', ['tokenHash'], { unique: true })
@Index('duty_reachability_checks_unsent_idx', ['createdAt'], { where: 'sent_at IS NULL' })
@Index('duty_reachability_checks_untold_idx', ['holidayId'], { where: 'confirmed_at IS NULL AND admins_told_at IS NULL' })
@Check('duty_reachability_checks_sent_check', '(sent_at IS NULL) = (token_hash IS NULL) AND (sent_at IS NULL) = (cardinality(channels) = 0)')
@Check('duty_reachability_checks_channels_check', `channels <@ ARRAY['email', 'sms']::text[]`)
export class DutyReachabilityCheck {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'duty_reachability_checks_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  holidayId: string;

  @ManyToOne('SchoolHoliday', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'holiday_id', foreignKeyConstraintName: 'duty_reachability_checks_holiday_fk' })
  holiday?: unknown;

  @Column({ type: 'uuid' })
  officerId: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'officer_id', foreignKeyConstraintName: 'duty_reachability_checks_officer_fk' })
  officer?: unknown;

  /** Hex SHA-256 of the link's token; null until the test message went out. */
  @Column({ type: 'text', nullable: true })
  tokenHash: string | null;

  /** When the test message was queued on `channels`; null while the officer has no verified channel. */
  @TimestampColumn({ nullable: true })
  sentAt: Date | null;

  /** The channels the test message went to (`email`, `sms`). */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  channels: string[];

  /** When the officer tapped the link. */
  @TimestampColumn({ nullable: true })
  confirmedAt: Date | null;

  @TimestampColumn({ nullable: true })
  adminsToldAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;
}
