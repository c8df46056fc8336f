import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Page, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { PendingStudentsQuery } from '../dtos/pending-students.query.js';
import { type CampaignProgress, CampaignProgressService } from './campaign-progress.service.js';
import type { PendingStudent } from './campaign-progress.repository.js';

@ApiTags('screening-campaigns')
@Controller('screening-campaigns')
export class CampaignProgressController {
  constructor(private readonly progress: CampaignProgressService) {}

  @Get(':campaignId/progress')
  @RequirePermission(Permission.ScreeningCampaignRead)
  @ApiOperation({ summary: 'Invited and submitted counts per class' })
  progressOf(@CurrentCaller() caller: Caller, @UuidParam('campaignId') campaignId: string): Promise<CampaignProgress> {
    return this.progress.progressOf(caller, campaignId);
  }

  @Get(':campaignId/pending-students')
  @RequirePermission(Permission.ScreeningPendingStudentsRead)
  @ApiOperation({ summary: 'Students who have not answered yet, to remind them (a class teacher: their own classes); never scores' })
  pendingStudents(
    @CurrentCaller() caller: Caller,
    @UuidParam('campaignId') campaignId: string,
    @Query() query: PendingStudentsQuery,
  ): Promise<Page<Omit<PendingStudent, 'invitationId'>>> {
    return this.progress.pendingStudents(caller, campaignId, query);
  }
}
