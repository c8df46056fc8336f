import { Body, Controller, Get, HttpCode, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({
    operationId: 'listAlerts',
    summary: "List the school's alerts, the longest waiting first",
    description: 'A duty officer sees only the alerts routed to them while on holiday duty.',
  })
  list(@CurrentCaller() caller: Caller, @Query() query: AlertListQuery): Promise<Page<AlertSummary>> {
    return this.alerts.list(caller, query);
  }

  @Get(':alertId')
  @RequirePermission(Permission.AlertRead)
  @ApiOperation({
    operationId: 'getAlert',
    summary: 'Get an alert with its escalation steps',
    description:
      'Every read is audited. The acknowledgement note is shown to counselors, the head of counseling and duty officers only; ' +
      'a duty officer reaches only the alerts routed to them.',
  })
  get(@CurrentCaller() caller: Caller, @UuidParam('alertId') alertId: string): Promise<AlertDetail> {
    return this.alerts.get(caller, alertId);
  }

  @Post(':alertId/acknowledge')
  @RequirePermission(Permission.AlertAcknowledge)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'acknowledgeAlert',
    summary: 'Acknowledge an alert with a first-response note',
    description: 'Stops its escalation and is audited; an alert already acknowledged answers 409.',
  })
  acknowledge(
    @CurrentCaller() caller: Caller,
    @UuidParam('alertId') alertId: string,
    @Body() body: AcknowledgeAlertDto,
  ): Promise<AlertDetail> {
    return this.alerts.acknowledge(caller, alertId, body.note);
  }
}
