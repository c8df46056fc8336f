import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { AlertReport, AlertReportQuery, type AlertSeverityReport } from './alert-report.js';

@ApiTags('reports')
@Controller('reports')
export class AlertReportController {
  constructor(private readonly report: AlertReport) {}

  @Get('alerts')
  @RequirePermission(Permission.ReportRead)
  @ApiOperation({
    operationId: 'getAlertReport',
    summary: 'Report alerts raised in a period by severity: counts and times to acknowledge',
    description: 'Counts and timings only, never a student or a note.',
  })
  alerts(@CurrentCaller() caller: Caller, @Query() query: AlertReportQuery): Promise<AlertSeverityReport> {
    return this.report.bySeverity(caller, query);
  }
}
