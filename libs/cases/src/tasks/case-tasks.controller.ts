import { Body, Controller, Get, Headers, Patch, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, ApiIfMatchHeader, expectedVersion, type Page, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { CaseTaskListQuery, type CaseTaskView, CreateCaseTaskDto, UpdateCaseTaskDto } from './case-task.dto.js';
import { CaseTasksService } from './case-tasks.service.js';

/** The case plan's tasks: the case team writes, the team and break-glass read. */
@ApiTags('cases')
@Controller('cases/:caseId/tasks')
export class CaseTasksController {
  constructor(private readonly tasks: CaseTasksService) {}

  @Post()
  @RequirePermission(Permission.CaseWork)
  @ApiOperation({
    operationId: 'createCaseTask',
    summary: "Add a task to a case's plan, assigned to a counselor on its team",
    description: 'Not on a closed case; on the timeline and audited.',
  })
  async create(
    @CurrentCaller() caller: Caller,
    @UuidParam('caseId') caseId: string,
    @Body() body: CreateCaseTaskDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseTaskView> {
    const task = await this.tasks.create(caller, caseId, body);
    void reply.header('location', `/${API_PREFIX}/cases/${caseId}/tasks/${task.id}`);
    return task;
  }

  @Get()
  @RequirePermission(Permission.CaseRead)
  @ApiOperation({ operationId: 'listCaseTasks', summary: "List a case's tasks, soonest due first", description: 'Titles are clinical text: audited.' })
  list(@CurrentCaller() caller: Caller, @UuidParam('caseId') caseId: string, @Query() query: CaseTaskListQuery): Promise<Page<CaseTaskView>> {
    return this.tasks.list(caller, caseId, query);
  }

  @Get(':taskId')
  @RequirePermission(Permission.CaseRead)
  @ApiOperation({ operationId: 'getCaseTask', summary: 'Get one task of a case' })
  get(@CurrentCaller() caller: Caller, @UuidParam('caseId') caseId: string, @UuidParam('taskId') taskId: string): Promise<CaseTaskView> {
    return this.tasks.get(caller, caseId, taskId);
  }

  @Patch(':taskId')
  @RequirePermission(Permission.CaseWork)
  @ApiOperation({
    operationId: 'updateCaseTask',
    summary: 'Edit a task, or mark it done or cancelled',
    description: 'Carries the version it is based on (body or If-Match); a stale one answers 409. Changes go on the timeline and are audited.',
  })
  @ApiIfMatchHeader()
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam('caseId') caseId: string,
    @UuidParam('taskId') taskId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateCaseTaskDto,
  ): Promise<CaseTaskView> {
    return this.tasks.update(caller, caseId, taskId, expectedVersion(ifMatch, body.version), body);
  }
}
