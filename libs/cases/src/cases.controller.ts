import { Body, Controller, Delete, Get, HttpCode, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, type Page, PageQuery, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { CaseClosureService, type ClosureRequestView } from './closure/case-closure.service.js';
import {
  AddTeamMemberDto,
  CaseListQuery,
  ChangeCaseRiskDto,
  DecideClosureDto,
  OpenCaseDto,
  ReassignCaseDto,
  ReopenCaseDto,
  RequestClosureDto,
  TransitionCaseDto,
} from './dtos/case.dtos.js';
import { CaseLifecycleService } from './lifecycle/case-lifecycle.service.js';
import { CaseOpeningHttpService } from './opening/case-opening-http.service.js';
import { type CaseDetail, CaseQueryService } from './queries/case-query.service.js';
import type { CaseListRow } from './queries/case-list.repository.js';
import { CaseTeamService } from './team/case-team.service.js';
import type { CaseEventRow } from './timeline/case-event.repository.js';

@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly opening: CaseOpeningHttpService,
    private readonly queries: CaseQueryService,
    private readonly lifecycle: CaseLifecycleService,
    private readonly team: CaseTeamService,
    private readonly closure: CaseClosureService,
  ) {}

  /** 201 with a new case; 200 with the student's open case when the signal was attached to it. */
  @Post()
  @RequirePermission(Permission.CaseOpen)
  async open(@CurrentCaller() caller: Caller, @Body() body: OpenCaseDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<CaseDetail> {
    const { caseId, opened } = await this.opening.open(caller, body);
    void reply.status(opened ? 201 : 200).header('location', `/${API_PREFIX}/cases/${caseId}`);
    return this.queries.get(caller, caseId);
  }

  @Get()
  @RequirePermission(Permission.CaseRead)
  list(@CurrentCaller() caller: Caller, @Query() query: CaseListQuery): Promise<Page<CaseListRow & { unreachableContacts: number }>> {
    const { state, riskLevel, ownerId, ...page } = query;
    return this.queries.list(caller, { state, riskLevel, ownerId }, Object.assign(new PageQuery(), page));
  }

  @Get('closure-requests')
  @RequirePermission(Permission.CaseClosureApprove)
  closureRequests(@CurrentCaller() caller: Caller): Promise<ClosureRequestView[]> {
    return this.closure.pending(caller);
  }

  @Get(':caseId')
  @RequirePermission(Permission.CaseRead)
  get(@CurrentCaller() caller: Caller, @UuidParam('caseId') caseId: string): Promise<CaseDetail> {
    return this.queries.get(caller, caseId);
  }

  @Get(':caseId/timeline')
  @RequirePermission(Permission.CaseRead)
  timeline(@CurrentCaller() caller: Caller, @UuidParam('caseId') caseId: string, @Query() query: PageQuery): Promise<Page<CaseEventRow>> {
    return this.queries.timeline(caller, caseId, query);
  }

  @Post(':caseId/transitions')
  @RequirePermission(Permission.CaseWork)
  @HttpCode(200)
  async transition(@CurrentCaller() caller: Caller, @UuidParam('caseId') caseId: string, @Body() body: TransitionCaseDto): Promise<CaseDetail> {
    await this.lifecycle.transition(caller, caseId, body.to, body.version, body.reason);
    return this.queries.get(caller, caseId);
  }

  @Post(':caseId/reopen')
  @RequirePermission(Permission.CaseWork)
  @HttpCode(200)
  async reopen(@CurrentCaller() caller: Caller, @UuidParam('caseId') caseId: string, @Body() body: ReopenCaseDto): Promise<CaseDetail> {
    await this.lifecycle.reopen(caller, caseId, body.version, body.reason);
    return this.queries.get(caller, caseId);
  }

  @Post(':caseId/risk')
  @RequirePermission(Permission.CaseWork)
  @HttpCode(200)
  async changeRisk(@CurrentCaller() caller: Caller, @UuidParam('caseId') caseId: string, @Body() body: ChangeCaseRiskDto): Promise<CaseDetail> {
    await this.lifecycle.changeRisk(caller, caseId, body.riskLevel, body.version, body.reason);
    return this.queries.get(caller, caseId);
  }

  @Post(':caseId/reassign')
  @RequirePermission(Permission.CaseWork)
  @HttpCode(200)
  async reassign(@CurrentCaller() caller: Caller, @UuidParam('caseId') caseId: string, @Body() body: ReassignCaseDto): Promise<CaseDetail> {
    await this.team.reassign(caller, caseId, body.ownerId, body.version, body.reason);
    return this.queries.get(caller, caseId);
  }

  @Post(':caseId/team')
  @RequirePermission(Permission.CaseWork)
  @HttpCode(200)
  async addMember(@CurrentCaller() caller: Caller, @UuidParam('caseId') caseId: string, @Body() body: AddTeamMemberDto): Promise<CaseDetail> {
    await this.team.addMember(caller, caseId, body.userId);
    return this.queries.get(caller, caseId);
  }

  @Delete(':caseId/team/:userId')
  @RequirePermission(Permission.CaseWork)
  @HttpCode(204)
  async removeMember(@CurrentCaller() caller: Caller, @UuidParam('caseId') caseId: string, @UuidParam('userId') userId: string): Promise<void> {
    await this.team.removeMember(caller, caseId, userId);
  }

  @Post(':caseId/closure-requests')
  @RequirePermission(Permission.CaseWork)
  request(@CurrentCaller() caller: Caller, @UuidParam('caseId') caseId: string, @Body() body: RequestClosureDto): Promise<ClosureRequestView> {
    return this.closure.request(caller, caseId, body);
  }

  @Post(':caseId/closure-requests/:requestId/approve')
  @RequirePermission(Permission.CaseClosureApprove)
  @HttpCode(204)
  async approve(
    @CurrentCaller() caller: Caller,
    @UuidParam('caseId') caseId: string,
    @UuidParam('requestId') requestId: string,
    @Body() body: DecideClosureDto,
  ): Promise<void> {
    await this.closure.decide(caller, caseId, requestId, 'approve', body.note);
  }

  @Post(':caseId/closure-requests/:requestId/reject')
  @RequirePermission(Permission.CaseClosureApprove)
  @HttpCode(204)
  async reject(
    @CurrentCaller() caller: Caller,
    @UuidParam('caseId') caseId: string,
    @UuidParam('requestId') requestId: string,
    @Body() body: DecideClosureDto,
  ): Promise<void> {
    await this.closure.decide(caller, caseId, requestId, 'reject', body.note);
  }
}
