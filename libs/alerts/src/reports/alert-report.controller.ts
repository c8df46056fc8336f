import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { AlertReport, AlertReportQuery, type AlertSeverityStats } from './alert-report.js';

@ApiTags('reports')
@Controller('reports')
export class AlertReportController {
  constructor(private readonly report: AlertReport) {}

  @Get('alerts')
  @RequirePermission(Permission.ReportRead)
  alerts(@CurrentCaller() caller: Caller, @Query() query: AlertReportQuery): Promise<{ from: string; to: string; severities: AlertSeverityStats[] }> {
    return this.report.bySeverity(caller, query);
  }
}
