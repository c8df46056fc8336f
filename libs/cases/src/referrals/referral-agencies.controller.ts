import { Body, Controller, Get, Headers, Patch, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, ApiIfMatchHeader, expectedVersion, type Page, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { CreateReferralAgencyDto, ReferralAgencyListQuery, type ReferralAgencyView, UpdateReferralAgencyDto } from './referral-agency.dto.js';
import { ReferralAgenciesService } from './referral-agencies.service.js';

/** Whoever works on cases reads the list; the head of counseling and administrators keep it. */
@ApiTags('referral-agencies')
@Controller('referral-agencies')
export class ReferralAgenciesController {
  constructor(private readonly agencies: ReferralAgenciesService) {}

  @Get()
  @RequirePermission(Permission.CaseRead)
  @ApiOperation({
    operationId: 'listReferralAgencies',
    summary: "List the school's referral agencies by kind and name",
    description: 'Agencies no longer in use only with `includeInactive`.',
  })
  list(@CurrentCaller() caller: Caller, @Query() query: ReferralAgencyListQuery): Promise<Page<ReferralAgencyView>> {
    return this.agencies.list(caller, query);
  }

  @Get(':agencyId')
  @RequirePermission(Permission.CaseRead)
  @ApiOperation({ operationId: 'getReferralAgency', summary: 'Get a referral agency' })
  get(@CurrentCaller() caller: Caller, @UuidParam('agencyId') agencyId: string): Promise<ReferralAgencyView> {
    return this.agencies.get(caller, agencyId);
  }

  @Post()
  @RequirePermission(Permission.ReferralAgencyManage)
  @ApiOperation({ operationId: 'createReferralAgency', summary: "Add an agency to the school's referral list", description: 'Audited.' })
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateReferralAgencyDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ReferralAgencyView> {
    const agency = await this.agencies.create(caller, body);
    void reply.header('location', `/${API_PREFIX}/referral-agencies/${agency.id}`);
    return agency;
  }

  @Patch(':agencyId')
  @RequirePermission(Permission.ReferralAgencyManage)
  @ApiOperation({
    operationId: 'updateReferralAgency',
    summary: 'Edit a referral agency, or take it off the list for new referrals',
    description: 'Carries the version it is based on (body or If-Match); a stale one answers 409. Agencies are never deleted. Audited.',
  })
  @ApiIfMatchHeader()
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam('agencyId') agencyId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateReferralAgencyDto,
  ): Promise<ReferralAgencyView> {
    return this.agencies.update(caller, agencyId, expectedVersion(ifMatch, body.version), body);
  }
}
