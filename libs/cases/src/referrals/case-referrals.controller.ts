import { Body, Controller, Get, Headers, Patch, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, ApiIfMatchHeader, expectedVersion, type Page, Post, UuidParam } from '#core';
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
  @ApiOperation({
    operationId: 'createCaseReferral',
    summary: "Refer a case to an outside agency of the school's list",
    description: 'Starts as `pending`; on the timeline and audited.',
  })
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
  @ApiOperation({ operationId: 'listCaseReferrals', summary: "List a case's referrals, newest first", description: 'Audited.' })
  list(@CurrentCaller() caller: Caller, @UuidParam('caseId') caseId: string, @Query() query: CaseReferralListQuery): Promise<Page<CaseReferralView>> {
    return this.referrals.list(caller, caseId, query);
  }

  @Get(':referralId')
  @RequirePermission(Permission.CaseRead)
  @ApiOperation({ operationId: 'getCaseReferral', summary: 'Get one referral of a case', description: 'Audited.' })
  get(@CurrentCaller() caller: Caller, @UuidParam('caseId') caseId: string, @UuidParam('referralId') referralId: string): Promise<CaseReferralView> {
    return this.referrals.get(caller, caseId, referralId);
  }

  @Patch(':referralId')
  @RequirePermission(Permission.CaseWork)
  @ApiOperation({
    operationId: 'updateCaseReferralStatus',
    summary: 'Record where a referral stands: accepted, declined, completed or withdrawn',
    description:
      'Only to one of its `allowedStatuses` (else 409); carries the version it is based on (body or If-Match). On the timeline and audited.',
  })
  @ApiIfMatchHeader()
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
