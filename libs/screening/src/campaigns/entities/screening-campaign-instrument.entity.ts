import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** An instrument version a campaign asks, in the order the survey shows them. */
@Entity('screening_campaign_instruments')
export class ScreeningCampaignInstrument {
  @PrimaryColumn({ type: 'uuid' })
  campaignId: string;

  @ManyToOne('ScreeningCampaign', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id', foreignKeyConstraintName: 'screening_campaign_instruments_campaign_fk' })
  campaign?: unknown;

  @PrimaryColumn({ type: 'uuid' })
  instrumentId: string;

  @ManyToOne('ScreeningInstrument', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'instrument_id', foreignKeyConstraintName: 'screening_campaign_instruments_instrument_fk' })
  instrument?: unknown;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'screening_campaign_instruments_school_fk' })
  school?: unknown;

  @Column({ type: 'smallint' })
  position: number;
}
