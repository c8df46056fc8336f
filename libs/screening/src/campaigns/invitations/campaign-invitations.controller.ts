import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { InvitationExportService } from './invitation-export.service.js';

@ApiTags('screening-campaigns')
@Controller('screening-campaigns')
export class CampaignInvitationsController {
  constructor(private readonly exports: InvitationExportService) {}

  @Get(':campaignId/invitations.csv')
  @RequirePermission(Permission.ScreeningCampaignManage)
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="invitations.csv"')
  // The file holds tokens that let anyone answer as the student: no cache may keep it.
  @Header('cache-control', 'no-store')
  @ApiProduces('text/csv')
  @ApiOperation({
    operationId: 'exportCampaignInvitationsCsv',
    summary: "Download a campaign's invitations with their survey tokens and links as CSV",
    description:
      "The tokens let anyone answer as the student: the campaign's team only, never cached, and every export is audited. " +
      'UTF-8 with a byte-order mark; columns student_number, name, class, token, link.',
  })
  exportCsv(@CurrentCaller() caller: Caller, @UuidParam('campaignId') campaignId: string): Promise<string> {
    return this.exports.exportCsv(caller, campaignId);
  }
}
