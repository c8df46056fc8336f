import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn, VersionNumberColumn } from '#core';

export const CAMPAIGN_STATUSES = ['draft', 'open', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/**
 * A screening of target grades and classes with one or more instruments inside a time window.
 * Editable as a draft; opening it issues the invitations; students answer while it is open and
 * inside its window.
 */
@Entity('screening_campaigns')
@Index('screening_campaigns_school_created_idx', ['schoolId', 'createdAt', 'id'])
@Check('screening_campaigns_status_check', `status IN ('draft', 'open', 'closed')`)
@Check('screening_campaigns_window_check', 'closes_at > opens_at')
export class ScreeningCampaign {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'screening_campaigns_school_fk' })
  school?: unknown;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: 'draft' })
  status: CampaignStatus;

  @TimestampColumn()
  opensAt: Date;

  @TimestampColumn()
  closesAt: Date;

  /** What the student agrees to before answering (shown by the survey). */
  @Column({ type: 'text' })
  consentTextZh: string;

  @Column({ type: 'text', nullable: true })
  consentTextEn: string | null;

  @Column({ type: 'uuid' })
  createdBy: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'screening_campaigns_created_by_fk' })
  creator?: unknown;

  @TimestampColumn({ nullable: true })
  openedAt: Date | null;

  @TimestampColumn({ nullable: true })
  closedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}
