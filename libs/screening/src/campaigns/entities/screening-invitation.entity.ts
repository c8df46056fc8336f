import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAtColumn, TimestampColumn } from '#core';

export const INVITATION_STATUSES = ['pending', 'used'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/**
 * One targeted student's single-use invitation to a campaign. The token is never stored: it is
 * HMAC-SHA256(SURVEY_TOKEN_SECRET, id), so it can be exported again, and only its SHA-256 is kept
 * for the lookup. Used once the student answers online or a counselor enters their results.
 */
@Entity('screening_invitations')
@Unique('screening_invitations_campaign_student_key', ['campaignId', 'studentId'])
@Unique('screening_invitations_token_hash_key', ['tokenHash'])
@Index('screening_invitations_student_idx', ['studentId'])
@Check('screening_invitations_status_check', `status IN ('pending', 'used')`)
export class ScreeningInvitation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'screening_invitations_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  campaignId: string;

  @ManyToOne('ScreeningCampaign', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'campaign_id', foreignKeyConstraintName: 'screening_invitations_campaign_fk' })
  campaign?: unknown;

  @Column({ type: 'uuid' })
  studentId: string;

  @ManyToOne('Student', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'student_id', foreignKeyConstraintName: 'screening_invitations_student_fk' })
  student?: unknown;

  /** SHA-256 of the token. */
  @Column({ type: 'bytea' })
  tokenHash: Buffer;

  @Column({ type: 'text', default: 'pending' })
  status: InvitationStatus;

  @TimestampColumn({ nullable: true })
  usedAt: Date | null;

  /** HMAC-SHA256, keyed by the token, of the answers the student submitted (see submissionDigest); null when used otherwise. */
  @Column({ type: 'bytea', nullable: true })
  submissionDigest: Buffer | null;

  @CreatedAtColumn()
  createdAt: Date;
}
