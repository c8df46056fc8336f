import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { RiskLevel } from '#risk';

/**
 * What a band of an instrument means for the risk register, and whether it needs a person now
 * (a high alert). Reference data like the instruments: changed by migrations, not by code.
 */
@Entity('screening_band_risk')
@Check('screening_band_risk_level_check', `risk_level IN ('none', 'low', 'moderate', 'high', 'critical')`)
export class ScreeningBandRisk {
  @PrimaryColumn({ type: 'text' })
  instrumentCode: string;

  @PrimaryColumn({ type: 'text' })
  bandCode: string;

  @Column({ type: 'text' })
  riskLevel: RiskLevel;

  @Column({ type: 'boolean' })
  raisesAlert: boolean;
}
