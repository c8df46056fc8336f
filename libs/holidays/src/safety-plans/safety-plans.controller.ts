import { Body, Controller, Get, Headers, Patch, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, ApiIfMatchHeader, expectedVersion, type Page, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { RecordSafetyPlanDto, ReviseSafetyPlanDto, SafetyPlanListQuery, type SafetyPlanSummary, type SafetyPlanView } from './safety-plan.dtos.js';
import { SafetyPlansService } from './safety-plans.service.js';

/** Students' holiday safety plans: counselors record and revise them; administrators read them through break-glass. */
@ApiTags('holiday-safety-plans')
@Controller('calendar/holidays/:holidayId/safety-plans')
export class SafetyPlansController {
  constructor(private readonly plans: SafetyPlansService) {}

  @Post()
  @RequirePermission(Permission.HolidaySafetyPlanWrite)
  @ApiOperation({
    operationId: 'recordHolidaySafetyPlan',
    summary: "Record a student's safety plan for the holiday",
    description: 'One plan per student and holiday: revise the existing one instead. The plan is encrypted at rest. Audited.',
  })
  async record(
    @CurrentCaller() caller: Caller,
    @UuidParam('holidayId') holidayId: string,
    @Body() body: RecordSafetyPlanDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SafetyPlanView> {
    const plan = await this.plans.record(caller, holidayId, body);
    void reply.status(201).header('location', `/${API_PREFIX}/calendar/holidays/${holidayId}/safety-plans/${plan.id}`);
    return plan;
  }

  /** Who has a plan (filter by `studentId`), without the text. */
  @Get()
  @RequirePermission(Permission.HolidaySafetyPlanRead)
  @ApiOperation({
    operationId: 'listHolidaySafetyPlans',
    summary: 'List which students have a safety plan for the holiday, without the text',
    description:
      'Counselors see the whole school, administrators only the students they hold an active break-glass grant for. Every list is audited.',
  })
  list(@CurrentCaller() caller: Caller, @UuidParam('holidayId') holidayId: string, @Query() query: SafetyPlanListQuery): Promise<Page<SafetyPlanSummary>> {
    return this.plans.list(caller, holidayId, query);
  }

  @Get(':planId')
  @RequirePermission(Permission.HolidaySafetyPlanRead)
  @ApiOperation({
    operationId: 'getHolidaySafetyPlan',
    summary: "Read a student's holiday safety plan",
    description:
      'A clinical read, audited whether it is allowed or not. Administrators need an active break-glass grant for the student; without one the plan answers 404.',
  })
  get(@CurrentCaller() caller: Caller, @UuidParam('holidayId') holidayId: string, @UuidParam('planId') planId: string): Promise<SafetyPlanView> {
    return this.plans.get(caller, holidayId, planId);
  }

  /** Replaces the text, at the version it is based on (`If-Match` or body). */
  @Patch(':planId')
  @RequirePermission(Permission.HolidaySafetyPlanWrite)
  @ApiOperation({ operationId: 'reviseHolidaySafetyPlan', summary: 'Replace the text of a holiday safety plan', description: 'Encrypted at rest. Audited.' })
  @ApiIfMatchHeader()
  revise(
    @CurrentCaller() caller: Caller,
    @UuidParam('holidayId') holidayId: string,
    @UuidParam('planId') planId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: ReviseSafetyPlanDto,
  ): Promise<SafetyPlanView> {
    return this.plans.revise(caller, holidayId, planId, expectedVersion(ifMatch, body.version), body);
  }
}
