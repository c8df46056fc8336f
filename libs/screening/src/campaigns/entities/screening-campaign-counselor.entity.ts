import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn } from '#core';

/** A counselor on a campaign's team: the only staff who see its answers. */
@Entity('screening_campaign_counselors')
export class ScreeningCampaignCounselor {
  @PrimaryColumn({ type: 'uuid' })
  campaignId: string;

  @ManyToOne('ScreeningCampaign', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id', foreignKeyConstraintName: 'screening_campaign_counselors_campaign_fk' })
  campaign?: unknown;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'screening_campaign_counselors_user_fk' })
  user?: unknown;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'screening_campaign_counselors_school_fk' })
  school?: unknown;

  @CreatedAtColumn()
  addedAt: Date;
}
