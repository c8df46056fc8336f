import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { INT4_MAX, IsVersion } from '#core';
import { CAMPAIGN_STATUSES, type CampaignStatus } from '../entities/screening-campaign.entity.js';

export class TransitionCampaignDto {
  @ApiProperty({ enum: CAMPAIGN_STATUSES, enumName: 'CampaignStatus', description: 'open issues the invitations; closed ends the survey' })
  @IsIn(CAMPAIGN_STATUSES)
  to: CampaignStatus;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: INT4_MAX, description: 'The version the transition is based on' })
  @IsVersion()
  version: number;
}
