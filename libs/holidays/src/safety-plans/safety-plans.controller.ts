import { Body, Controller, Get, Headers, Patch, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, expectedVersion, type Page, Post, UuidParam } from '#core';
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
  list(@CurrentCaller() caller: Caller, @UuidParam('holidayId') holidayId: string, @Query() query: SafetyPlanListQuery): Promise<Page<SafetyPlanSummary>> {
    return this.plans.list(caller, holidayId, query);
  }

  @Get(':planId')
  @RequirePermission(Permission.HolidaySafetyPlanRead)
  get(@CurrentCaller() caller: Caller, @UuidParam('holidayId') holidayId: string, @UuidParam('planId') planId: string): Promise<SafetyPlanView> {
    return this.plans.get(caller, holidayId, planId);
  }

  /** Replaces the text, at the version it is based on (`If-Match` or body). */
  @Patch(':planId')
  @RequirePermission(Permission.HolidaySafetyPlanWrite)
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
