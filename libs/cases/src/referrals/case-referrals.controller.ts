import { Body, Controller, Get, Headers, Patch, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, expectedVersion, type Page, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { CaseReferralListQuery, type CaseReferralView, CreateCaseReferralDto, UpdateCaseReferralDto } from './case-referral.dto.js';
import { CaseReferralsService } from './case-referrals.service.js';

/** Referrals of a case to outside agencies: the case team writes, the team and break-glass read. */
@ApiTags('cases')
@Controller('cases/:caseId/referrals')
export class CaseReferralsController {
  constructor(private readonly referrals: CaseReferralsService) {}

  @Post()
  @RequirePermission(Permission.CaseWork)
  async create(
    @CurrentCaller() caller: Caller,
    @UuidParam('caseId') caseId: string,
    @Body() body: CreateCaseReferralDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseReferralView> {
    const referral = await this.referrals.create(caller, caseId, body);
    void reply.header('location', `/${API_PREFIX}/cases/${caseId}/referrals/${referral.id}`);
    return referral;
  }

  @Get()
  @RequirePermission(Permission.CaseRead)
  list(@CurrentCaller() caller: Caller, @UuidParam('caseId') caseId: string, @Query() query: CaseReferralListQuery): Promise<Page<CaseReferralView>> {
    return this.referrals.list(caller, caseId, query);
  }

  @Get(':referralId')
  @RequirePermission(Permission.CaseRead)
  get(@CurrentCaller() caller: Caller, @UuidParam('caseId') caseId: string, @UuidParam('referralId') referralId: string): Promise<CaseReferralView> {
    return this.referrals.get(caller, caseId, referralId);
  }

  @Patch(':referralId')
  @RequirePermission(Permission.CaseWork)
  changeStatus(
    @CurrentCaller() caller: Caller,
    @UuidParam('caseId') caseId: string,
    @UuidParam('referralId') referralId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateCaseReferralDto,
  ): Promise<CaseReferralView> {
    return this.referrals.changeStatus(caller, caseId, referralId, expectedVersion(ifMatch, body.version), body);
  }
}
