import { Body, Controller, Get, Headers, HttpCode, Patch, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, expectedVersion, type Page, Post, UuidParam } from '#core';
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
  @ApiOperation({ summary: 'Draft a campaign; you and the counselors you name are its team' })
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateCampaignDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<CampaignDetail> {
    const campaign = await this.campaigns.create(caller, body);
    void reply.header('location', `/${API_PREFIX}/screening-campaigns/${campaign.id}`);
    return campaign;
  }

  @Get()
  @RequirePermission(Permission.ScreeningCampaignRead)
  list(@CurrentCaller() caller: Caller, @Query() query: CampaignListQuery): Promise<Page<CampaignSummary>> {
    return this.campaigns.list(caller, query);
  }

  @Get(':campaignId')
  @RequirePermission(Permission.ScreeningCampaignRead)
  get(@CurrentCaller() caller: Caller, @UuidParam('campaignId') campaignId: string): Promise<CampaignDetail> {
    return this.campaigns.get(caller, campaignId);
  }

  @Patch(':campaignId')
  @RequirePermission(Permission.ScreeningCampaignManage)
  @ApiOperation({ summary: 'Edit a draft (its team only); answers 409 campaign.not_editable once it is open' })
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
  @ApiOperation({ summary: 'draft -> open (issues the invitations) -> closed; 409 campaign.illegal_transition names the allowed ones' })
  transition(@CurrentCaller() caller: Caller, @UuidParam('campaignId') campaignId: string, @Body() body: TransitionCampaignDto): Promise<CampaignDetail> {
    return this.transitions.transition(caller, campaignId, body);
  }
}
