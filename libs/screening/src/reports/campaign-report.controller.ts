import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { type CampaignReport, CampaignReportService } from './campaign-report.service.js';

@ApiTags('reports')
@Controller('reports/screening-campaigns')
export class CampaignReportController {
  constructor(private readonly reports: CampaignReportService) {}

  @Get(':campaignId')
  @RequirePermission(Permission.ReportRead)
  report(@CurrentCaller() caller: Caller, @UuidParam('campaignId') campaignId: string): Promise<CampaignReport> {
    return this.reports.forCampaign(caller, campaignId);
  }
}
