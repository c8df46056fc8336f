import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Page, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { PendingStudentsQuery } from '../dtos/pending-students.query.js';
import { type CampaignProgress, CampaignProgressService } from './campaign-progress.service.js';
import type { PendingStudentView } from './campaign-progress.repository.js';

@ApiTags('screening-campaigns')
@Controller('screening-campaigns')
export class CampaignProgressController {
  constructor(private readonly progress: CampaignProgressService) {}

  @Get(':campaignId/progress')
  @RequirePermission(Permission.ScreeningCampaignRead)
  @ApiOperation({ operationId: 'getScreeningCampaignProgress', summary: 'How far a campaign has got: invited and submitted counts, in all and per class' })
  progressOf(@CurrentCaller() caller: Caller, @UuidParam('campaignId') campaignId: string): Promise<CampaignProgress> {
    return this.progress.progressOf(caller, campaignId);
  }

  @Get(':campaignId/pending-students')
  @RequirePermission(Permission.ScreeningPendingStudentsRead)
  @ApiOperation({
    operationId: 'listScreeningCampaignPendingStudents',
    summary: 'Students who have not answered a campaign yet, to remind them',
    description: 'Names and numbers only, never anything of an answer. A class teacher sees the classes they teach now.',
  })
  pendingStudents(
    @CurrentCaller() caller: Caller,
    @UuidParam('campaignId') campaignId: string,
    @Query() query: PendingStudentsQuery,
  ): Promise<Page<PendingStudentView>> {
    return this.progress.pendingStudents(caller, campaignId, query);
  }
}
