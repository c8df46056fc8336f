import { Body, Controller, Get, HttpCode, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Page, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { type AlertDetail, AlertsService, type AlertSummary } from './alerts.service.js';
import { AcknowledgeAlertDto } from './dtos/acknowledge-alert.dto.js';
import { AlertListQuery } from './dtos/alert-list.query.js';

@ApiTags('alerts')
@Controller('alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @RequirePermission(Permission.AlertRead)
  list(@CurrentCaller() caller: Caller, @Query() query: AlertListQuery): Promise<Page<AlertSummary>> {
    return this.alerts.list(caller, query);
  }

  @Get(':alertId')
  @RequirePermission(Permission.AlertRead)
  get(@CurrentCaller() caller: Caller, @UuidParam('alertId') alertId: string): Promise<AlertDetail> {
    return this.alerts.get(caller, alertId);
  }

  @Post(':alertId/acknowledge')
  @RequirePermission(Permission.AlertAcknowledge)
  @HttpCode(200)
  acknowledge(
    @CurrentCaller() caller: Caller,
    @UuidParam('alertId') alertId: string,
    @Body() body: AcknowledgeAlertDto,
  ): Promise<AlertDetail> {
    return this.alerts.acknowledge(caller, alertId, body.note);
  }
}
