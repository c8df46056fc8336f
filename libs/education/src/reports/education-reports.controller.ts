import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { CoverageQuery } from '../coverage/coverage.dtos.js';
import { type ClassGapView, type GradeCoverageView, MissingTopicsQuery } from './education-report.dtos.js';
import { EducationReportsService } from './education-reports.service.js';

@ApiTags('reports')
@Controller('reports')
export class EducationReportsController {
  constructor(private readonly reports: EducationReportsService) {}

  @Get('education-coverage')
  @RequirePermission(Permission.ReportRead)
  @ApiOperation({ summary: 'Per grade and topic: how many classes had it delivered, planned, or missing' })
  byGrade(@CurrentCaller() caller: Caller, @Query() query: CoverageQuery): Promise<{ from: string; to: string; grades: GradeCoverageView[] }> {
    return this.reports.byGrade(caller, query);
  }

  @Get('education-missing-topics')
  @RequirePermission(Permission.ReportRead)
  @ApiOperation({ summary: 'Classes still missing required (pre-holiday) topics before the holiday starts, with their class teachers' })
  missingBeforeHoliday(
    @CurrentCaller() caller: Caller,
    @Query() query: MissingTopicsQuery,
  ): Promise<{ from: string; before: string; classes: ClassGapView[] }> {
    return this.reports.missingBeforeHoliday(caller, query);
  }
}
