import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { type CaseReport, CaseReportQuery } from './case-report.query.js';
import { CaseReportService } from './case-report.service.js';

@ApiTags('reports')
@Controller('reports')
export class CaseReportController {
  constructor(private readonly report: CaseReportService) {}

  /** Open cases by risk and state, response and closure times, reopen rate: counts only. */
  @Get('cases')
  @RequirePermission(Permission.ReportRead)
  @ApiOperation({
    operationId: 'getCaseReport',
    summary: 'Report case counts and timings: open cases, first contact and closure times, reopen rate',
    description: 'Counts and timings only, never a student; `definitions` says what each figure counts.',
  })
  cases(@CurrentCaller() caller: Caller, @Query() query: CaseReportQuery): Promise<CaseReport> {
    return this.report.report(caller, query);
  }
}
