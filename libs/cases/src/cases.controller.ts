import { Body, Controller, Delete, Get, HttpCode, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, ApiCreatedOrOk, type Page, PageQuery, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { CaseClosureService, type CaseClosureRequestView, type PendingCaseClosureRequest } from './closure/case-closure.service.js';
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
import { type CaseDetail, type CaseListItem, CaseQueryService } from './queries/case-query.service.js';
import { CaseTeamService } from './team/case-team.service.js';
import type { CaseTimelineEvent } from './timeline/case-event.repository.js';

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
  @ApiOperation({
    operationId: 'openCase',
    summary: 'Open a case for a student, or add a signal to the case already open',
    description:
      'Answers 201 with a new case, or 200 with the open case when the named signal was attached to it (409 without a signal). ' +
      'The owner and the caller join the team; audited.',
  })
  @ApiCreatedOrOk('A new case is open', 'The signal was added to the case already open')
  async open(@CurrentCaller() caller: Caller, @Body() body: OpenCaseDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<CaseDetail> {
    const { caseId, opened } = await this.opening.open(caller, body);
    void reply.status(opened ? 201 : 200).header('location', `/${API_PREFIX}/cases/${caseId}`);
    return this.queries.get(caller, caseId);
  }

  @Get()
  @RequirePermission(Permission.CaseRead)
  @ApiOperation({
    operationId: 'listCases',
    summary: 'List the cases whose team you are on, newest first',
    description: 'Each with its count of overdue tasks and of contacts still unreachable. Audited as a list read.',
  })
  list(@CurrentCaller() caller: Caller, @Query() query: CaseListQuery): Promise<Page<CaseListItem>> {
    const { state, riskLevel, ownerId, studentId, ...page } = query;
    return this.queries.list(caller, { state, riskLevel, ownerId, studentId }, Object.assign(new PageQuery(), page));
  }

  @Get('closure-requests')
  @RequirePermission(Permission.CaseClosureApprove)
  @ApiOperation({
    operationId: 'listPendingCaseClosureRequests',
    summary: "List the school's closure requests waiting for a decision, oldest first",
    description: 'With their reasons, for the people who decide them (at most 200); audited.',
  })
  closureRequests(@CurrentCaller() caller: Caller): Promise<PendingCaseClosureRequest[]> {
    return this.closure.pending(caller);
  }

  @Get(':caseId')
  @RequirePermission(Permission.CaseRead)
  @ApiOperation({
    operationId: 'getCase',
    summary: 'Get a case with its team, signals and the transitions it allows',
    description: 'Only for its team, or with an active break-glass grant for the student (else 404); every read is audited.',
  })
  get(@CurrentCaller() caller: Caller, @UuidParam('caseId') caseId: string): Promise<CaseDetail> {
    return this.queries.get(caller, caseId);
  }

  @Get(':caseId/timeline')
  @RequirePermission(Permission.CaseRead)
  @ApiOperation({
    operationId: 'listCaseTimeline',
    summary: "List a case's events in the order they happened, reasons decrypted",
    description: 'Only for its team or a break-glass grant; audited.',
  })
  timeline(@CurrentCaller() caller: Caller, @UuidParam('caseId') caseId: string, @Query() query: PageQuery): Promise<Page<CaseTimelineEvent>> {
    return this.queries.timeline(caller, caseId, query);
  }

  @Post(':caseId/transitions')
  @RequirePermission(Permission.CaseWork)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'transitionCase',
    summary: 'Move a case to another state',
    description:
      'Only to one of its `allowedTransitions`; closing a high- or critical-risk case needs an approved closure request instead. ' +
      'A stale version answers 409. On the timeline and audited.',
  })
  async transition(@CurrentCaller() caller: Caller, @UuidParam('caseId') caseId: string, @Body() body: TransitionCaseDto): Promise<CaseDetail> {
    await this.lifecycle.transition(caller, caseId, body.to, body.version, body.reason);
    return this.queries.get(caller, caseId);
  }

  @Post(':caseId/reopen')
  @RequirePermission(Permission.CaseWork)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'reopenCase',
    summary: 'Reopen a closed case with a reason; it starts again at assessment',
  })
  async reopen(@CurrentCaller() caller: Caller, @UuidParam('caseId') caseId: string, @Body() body: ReopenCaseDto): Promise<CaseDetail> {
    await this.lifecycle.reopen(caller, caseId, body.version, body.reason);
    return this.queries.get(caller, caseId);
  }

  @Post(':caseId/risk')
  @RequirePermission(Permission.CaseWork)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'changeCaseRiskLevel',
    summary: "Change a case's risk level with a reason",
    description: "Not on a closed case. The student's risk level is recomputed; on the timeline and audited.",
  })
  async changeRisk(@CurrentCaller() caller: Caller, @UuidParam('caseId') caseId: string, @Body() body: ChangeCaseRiskDto): Promise<CaseDetail> {
    await this.lifecycle.changeRisk(caller, caseId, body.riskLevel, body.version, body.reason);
    return this.queries.get(caller, caseId);
  }

  @Post(':caseId/reassign')
  @RequirePermission(Permission.CaseWork)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'reassignCase',
    summary: 'Give a case to another counselor, with a reason',
    description: 'The new owner joins the team and the previous owner stays on it.',
  })
  async reassign(@CurrentCaller() caller: Caller, @UuidParam('caseId') caseId: string, @Body() body: ReassignCaseDto): Promise<CaseDetail> {
    await this.team.reassign(caller, caseId, body.ownerId, body.version, body.reason);
    return this.queries.get(caller, caseId);
  }

  @Post(':caseId/team')
  @RequirePermission(Permission.CaseWork)
  @HttpCode(200)
  @ApiOperation({ operationId: 'addCaseTeamMember', summary: "Add a counselor to a case's team" })
  async addMember(@CurrentCaller() caller: Caller, @UuidParam('caseId') caseId: string, @Body() body: AddTeamMemberDto): Promise<CaseDetail> {
    await this.team.addMember(caller, caseId, body.userId);
    return this.queries.get(caller, caseId);
  }

  @Delete(':caseId/team/:userId')
  @RequirePermission(Permission.CaseWork)
  @HttpCode(204)
  @ApiOperation({
    operationId: 'removeCaseTeamMember',
    summary: "Take someone off a case's team",
    description: 'The owner stays on the team: reassign the case first.',
  })
  async removeMember(@CurrentCaller() caller: Caller, @UuidParam('caseId') caseId: string, @UuidParam('userId') userId: string): Promise<void> {
    await this.team.removeMember(caller, caseId, userId);
  }

  @Post(':caseId/closure-requests')
  @RequirePermission(Permission.CaseWork)
  @ApiOperation({
    operationId: 'requestCaseClosure',
    summary: 'Ask a second person to approve closing a high- or critical-risk case',
    description:
      'Needs a guardian contact that reached the guardian, or a waiver saying why not. One pending request per case; ' +
      'the head of counseling and the administrators are notified.',
  })
  request(@CurrentCaller() caller: Caller, @UuidParam('caseId') caseId: string, @Body() body: RequestClosureDto): Promise<CaseClosureRequestView> {
    return this.closure.request(caller, caseId, body);
  }

  @Post(':caseId/closure-requests/:requestId/approve')
  @RequirePermission(Permission.CaseClosureApprove)
  @HttpCode(204)
  @ApiOperation({
    operationId: 'approveCaseClosure',
    summary: 'Approve a closure request, closing the case',
    description: 'Decided by someone other than who asked; on the timeline and audited.',
  })
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
  @ApiOperation({
    operationId: 'rejectCaseClosure',
    summary: 'Reject a closure request; the case stays open',
    description: 'Decided by someone other than who asked; on the timeline and audited.',
  })
  async reject(
    @CurrentCaller() caller: Caller,
    @UuidParam('caseId') caseId: string,
    @UuidParam('requestId') requestId: string,
    @Body() body: DecideClosureDto,
  ): Promise<void> {
    await this.closure.decide(caller, caseId, requestId, 'reject', body.note);
  }
}
