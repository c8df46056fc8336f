import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { type CampaignReport, CampaignReportService } from './campaign-report.service.js';

@ApiTags('reports')
@Controller('reports/screening-campaigns')
export class CampaignReportController {
  constructor(private readonly reports: CampaignReportService) {}

  @Get(':campaignId')
  @RequirePermission(Permission.ReportRead)
  @ApiOperation({
    operationId: 'getScreeningCampaignReport',
    summary: "A campaign's completion and outcome bands per grade: counts only, never a student",
  })
  report(@CurrentCaller() caller: Caller, @UuidParam('campaignId') campaignId: string): Promise<CampaignReport> {
    return this.reports.forCampaign(caller, campaignId);
  }
}
