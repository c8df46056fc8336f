import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery, ToArray } from '#core';
import { CAMPAIGN_STATUSES, type CampaignStatus } from '../entities/screening-campaign.entity.js';

export class CampaignListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CAMPAIGN_STATUSES, enumName: 'CampaignStatus', isArray: true, description: 'Repeat for any of several statuses' })
  @IsOptional()
  @ToArray()
  @IsIn(CAMPAIGN_STATUSES, { each: true })
  status?: CampaignStatus[];
}
