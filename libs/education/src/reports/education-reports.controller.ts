import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { CoverageQuery } from '../coverage/coverage.dtos.js';
import { type EducationCoverageReport, MissingTopicsQuery, type MissingTopicsReport } from './education-report.dtos.js';
import { EducationReportsService } from './education-reports.service.js';

@ApiTags('reports')
@Controller('reports')
export class EducationReportsController {
  constructor(private readonly reports: EducationReportsService) {}

  @Get('education-coverage')
  @RequirePermission(Permission.ReportRead)
  @ApiOperation({
    operationId: 'getEducationCoverageReport',
    summary: 'Count, per grade and topic, the classes that had it delivered, only planned, or neither',
    description: 'For the whole school, over the days from..to (school time zone).',
  })
  byGrade(@CurrentCaller() caller: Caller, @Query() query: CoverageQuery): Promise<EducationCoverageReport> {
    return this.reports.byGrade(caller, query);
  }

  @Get('education-missing-topics')
  @RequirePermission(Permission.ReportRead)
  @ApiOperation({
    operationId: 'getEducationMissingTopicsReport',
    summary: 'List the classes still missing required topics before a holiday, with their class teachers',
    description: "Looks ahead to the school's next holiday and its pre-holiday window unless `before` (and `from`) name the days.",
  })
  missingBeforeHoliday(
    @CurrentCaller() caller: Caller,
    @Query() query: MissingTopicsQuery,
  ): Promise<MissingTopicsReport> {
    return this.reports.missingBeforeHoliday(caller, query);
  }
}
