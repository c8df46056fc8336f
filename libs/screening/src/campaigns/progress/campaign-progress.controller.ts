import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Page, PageQuery, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { PendingStudentsQuery } from '../dtos/pending-students.query.js';
import { type CampaignProgress, CampaignProgressService } from './campaign-progress.service.js';
import type { CampaignAwaitingAnswers, PendingStudentView } from './campaign-progress.repository.js';

@ApiTags('screening-campaigns')
@Controller('screening-campaigns')
export class CampaignProgressController {
  constructor(private readonly progress: CampaignProgressService) {}

  // Two segments, so that it never meets `:campaignId`.
  @Get('open/awaiting-answers')
  @RequirePermission(Permission.ScreeningPendingStudentsRead)
  @ApiOperation({
    operationId: 'listOpenScreeningCampaignsAwaitingAnswers',
    summary: 'Open campaigns in which students you may remind have not answered yet, with how many',
    description: 'A class teacher sees only the students of the classes they teach now; counts only, never anything of an answer.',
  })
  openAwaitingAnswers(@CurrentCaller() caller: Caller, @Query() query: PageQuery): Promise<Page<CampaignAwaitingAnswers>> {
    return this.progress.openWithPending(caller, query);
  }

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
