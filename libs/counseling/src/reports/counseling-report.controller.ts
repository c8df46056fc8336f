import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { type CounselingReport, CounselingReportQuery } from './counseling-report.dtos.js';
import { CounselingReportService } from './counseling-report.service.js';

@ApiTags('reports')
@Controller('reports/counseling')
export class CounselingReportController {
  constructor(private readonly reports: CounselingReportService) {}

  /** Counts only: sessions per counselor and ISO week, no-show rate, median wait from request to session. */
  @Get()
  @RequirePermission(Permission.ReportRead)
  report(@CurrentCaller() caller: Caller, @Query() query: CounselingReportQuery): Promise<CounselingReport> {
    return this.reports.report(caller, query);
  }
}
