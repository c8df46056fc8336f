import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery, ToArray } from '#core';
import { ALERT_SEVERITIES, ALERT_STATUSES, type AlertSeverity, type AlertStatus } from '../entities/alert.entity.js';

export class AlertListQuery extends PageQuery {
  /** Any of; both when absent. */
  @ApiPropertyOptional({ enum: ALERT_STATUSES, enumName: 'AlertStatus', isArray: true, description: 'Repeat for any of; every status when absent' })
  @IsOptional()
  @ToArray()
  @IsIn(ALERT_STATUSES, { each: true })
  status?: AlertStatus[];

  @ApiPropertyOptional({ enum: ALERT_SEVERITIES, enumName: 'AlertSeverity', isArray: true, description: 'Repeat for any of; every severity when absent' })
  @IsOptional()
  @ToArray()
  @IsIn(ALERT_SEVERITIES, { each: true })
  severity?: AlertSeverity[];

  /** The alerts a screening campaign's responses raised (the campaign page lists them). */
  @ApiPropertyOptional({ format: 'uuid', description: 'Only alerts raised by responses to this screening campaign' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;
}
