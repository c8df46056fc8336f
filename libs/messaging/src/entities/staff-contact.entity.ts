import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { TimestampColumn, UpdatedAtColumn, VersionNumberColumn } from '#core';

export const PERSONAL_CHANNELS = ['email', 'sms'] as const;
export type PersonalChannel = (typeof PERSONAL_CHANNELS)[number];

/**
 * How to reach a staff member outside the system. An address is used only once verified (a code
 * sent to it came back): a page names a student, and must not reach a stranger's phone because of a
 * typo. Quiet hours are wall-clock times in the school's zone; a page or an urgent message ignores them.
 */
@Entity('staff_contacts')
@Check('staff_contacts_preferred_channel_check', `preferred_channel IN ('email', 'sms')`)
@Check('staff_contacts_quiet_hours_check', '(quiet_from IS NULL) = (quiet_until IS NULL) AND (quiet_from IS NULL OR quiet_from <> quiet_until)')
@Check('staff_contacts_email_verified_check', 'email_verified_at IS NULL OR email IS NOT NULL')
@Check('staff_contacts_mobile_verified_check', 'mobile_verified_at IS NULL OR mobile IS NOT NULL')
export class StaffContact {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @OneToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'staff_contacts_user_fk' })
  user?: unknown;

  @Column({ type: 'citext', nullable: true })
  email: string | null;

  @TimestampColumn({ nullable: true })
  emailVerifiedAt: Date | null;

  /** Mainland mobile, 11 digits. */
  @Column({ type: 'text', nullable: true })
  mobile: string | null;

  @TimestampColumn({ nullable: true })
  mobileVerifiedAt: Date | null;

  @Column({ type: 'text', default: 'sms' })
  preferredChannel: PersonalChannel;

  /** `HH:MM`, in the school's zone; the quiet span may wrap midnight (22:00-07:00). */
  @Column({ type: 'time', nullable: true })
  quietFrom: string | null;

  @Column({ type: 'time', nullable: true })
  quietUntil: string | null;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}
