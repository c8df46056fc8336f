import { Body, Controller, Get, Headers, HttpCode, Patch, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, ApiIfMatchHeader, expectedVersion, type Page, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { CampaignTransitionsService } from './campaign-transitions.service.js';
import { CampaignsService } from './campaigns.service.js';
import { CampaignListQuery } from './dtos/campaign-list.query.js';
import type { CampaignDetail, CampaignSummary } from './dtos/campaign.views.js';
import { CreateCampaignDto } from './dtos/create-campaign.dto.js';
import { TransitionCampaignDto } from './dtos/transition-campaign.dto.js';
import { UpdateCampaignDto } from './dtos/update-campaign.dto.js';

@ApiTags('screening-campaigns')
@Controller('screening-campaigns')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly transitions: CampaignTransitionsService,
  ) {}

  @Post()
  @RequirePermission(Permission.ScreeningCampaignManage)
  @ApiOperation({
    operationId: 'createScreeningCampaign',
    summary: 'Draft a screening campaign: window, target grades and classes, questionnaires, consent',
    description: 'You and the counselors you name are its team, the staff who see the answers. Audited.',
  })
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateCampaignDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<CampaignDetail> {
    const campaign = await this.campaigns.create(caller, body);
    void reply.header('location', `/${API_PREFIX}/screening-campaigns/${campaign.id}`);
    return campaign;
  }

  @Get()
  @RequirePermission(Permission.ScreeningCampaignRead)
  @ApiOperation({ operationId: 'listScreeningCampaigns', summary: "The school's screening campaigns, newest first, by status" })
  list(@CurrentCaller() caller: Caller, @Query() query: CampaignListQuery): Promise<Page<CampaignSummary>> {
    return this.campaigns.list(caller, query);
  }

  @Get(':campaignId')
  @RequirePermission(Permission.ScreeningCampaignRead)
  @ApiOperation({
    operationId: 'getScreeningCampaign',
    summary: 'One screening campaign with its targets, questionnaires, team and allowed transitions',
  })
  get(@CurrentCaller() caller: Caller, @UuidParam('campaignId') campaignId: string): Promise<CampaignDetail> {
    return this.campaigns.get(caller, campaignId);
  }

  @Patch(':campaignId')
  @RequirePermission(Permission.ScreeningCampaignManage)
  @ApiOperation({
    operationId: 'updateScreeningCampaign',
    summary: 'Edit a draft screening campaign; a list given replaces the stored one',
    description: "Only the campaign's team, and only while it is a draft: once open it is no longer editable. Audited.",
  })
  @ApiIfMatchHeader()
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam('campaignId') campaignId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateCampaignDto,
  ): Promise<CampaignDetail> {
    return this.campaigns.update(caller, campaignId, expectedVersion(ifMatch, body.version), body);
  }

  @Post(':campaignId/transitions')
  @RequirePermission(Permission.ScreeningCampaignManage)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'transitionScreeningCampaign',
    summary: 'Open a draft campaign (issuing its invitations) or close an open one',
    description:
      'draft -> open -> closed. Opening issues an invitation to every student targeted, in the same step. ' +
      "An illegal transition answers 409 naming the allowed ones. The campaign's team only; audited.",
  })
  transition(@CurrentCaller() caller: Caller, @UuidParam('campaignId') campaignId: string, @Body() body: TransitionCampaignDto): Promise<CampaignDetail> {
    return this.transitions.transition(caller, campaignId, body);
  }
}
