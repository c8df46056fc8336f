import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { type CounselingReport, CounselingReportQuery } from './counseling-report.dtos.js';
import { CounselingReportService } from './counseling-report.service.js';

@ApiTags('reports')
@Controller('reports/counseling')
export class CounselingReportController {
  constructor(private readonly reports: CounselingReportService) {}

  /** Counts only: sessions per counselor and ISO week, no-show rate, median wait from request to session. */
  @ApiOperation({
    operationId: 'getCounselingReport',
    summary: 'Get counseling in numbers: sessions per counselor and week, no-shows, waiting time',
    description: "Counts only, never a student. Days in the school's time zone; at most 366 days.",
  })
  @Get()
  @RequirePermission(Permission.ReportRead)
  report(@CurrentCaller() caller: Caller, @Query() query: CounselingReportQuery): Promise<CounselingReport> {
    return this.reports.report(caller, query);
  }
}
