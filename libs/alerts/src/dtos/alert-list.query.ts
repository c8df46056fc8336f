import { IsIn, IsOptional } from 'class-validator';
import { PageQuery, ToArray } from '#core';
import { ALERT_SEVERITIES, type AlertSeverity, type AlertStatus } from '../entities/alert.entity.js';

export class AlertListQuery extends PageQuery {
  /** Any of; both when absent. */
  @IsOptional()
  @ToArray()
  @IsIn(['open', 'acknowledged'], { each: true })
  status?: AlertStatus[];

  @IsOptional()
  @ToArray()
  @IsIn(ALERT_SEVERITIES, { each: true })
  severity?: AlertSeverity[];
}
