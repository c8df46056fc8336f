import { Body, Controller, Delete, Get, HttpCode, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, type Page, PageQuery, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import {
  type AvailabilityExceptionView,
  type AvailabilityRuleView,
  CreateAvailabilityExceptionDto,
  CreateAvailabilityRuleDto,
  ExceptionListQuery,
} from '../availability/availability.dtos.js';
import { AvailabilityService } from '../availability/availability.service.js';
import { CalendarQuery, type CounselorCalendar, type CounselorSummary } from './calendar.dtos.js';
import { CalendarService } from './calendar.service.js';

@ApiTags('counseling')
@Controller('counselors')
export class CounselorsController {
  constructor(
    private readonly calendars: CalendarService,
    private readonly availability: AvailabilityService,
  ) {}

  @Get()
  @RequirePermission(Permission.CounselorCalendarRead)
  list(@CurrentCaller() caller: Caller, @Query() query: PageQuery): Promise<Page<CounselorSummary>> {
    return this.calendars.counselors(caller, query);
  }

  /** Free and booked time between `from` and `to` (at most 31 days). */
  @Get(':counselorId/calendar')
  @RequirePermission(Permission.CounselorCalendarRead)
  calendar(@CurrentCaller() caller: Caller, @UuidParam('counselorId') counselorId: string, @Query() query: CalendarQuery): Promise<CounselorCalendar> {
    return this.calendars.calendarOf(caller, counselorId, query);
  }

  @Get(':counselorId/availability-rules')
  @RequirePermission(Permission.CounselorCalendarRead)
  rules(@CurrentCaller() caller: Caller, @UuidParam('counselorId') counselorId: string, @Query() query: PageQuery): Promise<Page<AvailabilityRuleView>> {
    return this.availability.listRules(caller, counselorId, query);
  }

  @Post(':counselorId/availability-rules')
  @RequirePermission(Permission.CounselorAvailabilityManage)
  async addRule(
    @CurrentCaller() caller: Caller,
    @UuidParam('counselorId') counselorId: string,
    @Body() body: CreateAvailabilityRuleDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AvailabilityRuleView> {
    const rule = await this.availability.createRule(caller, counselorId, body);
    void reply.header('location', `/${API_PREFIX}/counselors/${counselorId}/availability-rules/${rule.id}`);
    return rule;
  }

  @Get(':counselorId/availability-rules/:ruleId')
  @RequirePermission(Permission.CounselorCalendarRead)
  rule(@CurrentCaller() caller: Caller, @UuidParam('counselorId') counselorId: string, @UuidParam('ruleId') ruleId: string): Promise<AvailabilityRuleView> {
    return this.availability.getRule(caller, counselorId, ruleId);
  }

  @Delete(':counselorId/availability-rules/:ruleId')
  @RequirePermission(Permission.CounselorAvailabilityManage)
  @HttpCode(204)
  async removeRule(@CurrentCaller() caller: Caller, @UuidParam('counselorId') counselorId: string, @UuidParam('ruleId') ruleId: string): Promise<void> {
    await this.availability.deleteRule(caller, counselorId, ruleId);
  }

  @Get(':counselorId/availability-exceptions')
  @RequirePermission(Permission.CounselorCalendarRead)
  exceptions(@CurrentCaller() caller: Caller, @UuidParam('counselorId') counselorId: string, @Query() query: ExceptionListQuery): Promise<Page<AvailabilityExceptionView>> {
    return this.availability.listExceptions(caller, counselorId, query);
  }

  @Post(':counselorId/availability-exceptions')
  @RequirePermission(Permission.CounselorAvailabilityManage)
  async addException(
    @CurrentCaller() caller: Caller,
    @UuidParam('counselorId') counselorId: string,
    @Body() body: CreateAvailabilityExceptionDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AvailabilityExceptionView> {
    const exception = await this.availability.createException(caller, counselorId, body);
    void reply.header('location', `/${API_PREFIX}/counselors/${counselorId}/availability-exceptions/${exception.id}`);
    return exception;
  }

  @Get(':counselorId/availability-exceptions/:exceptionId')
  @RequirePermission(Permission.CounselorCalendarRead)
  exception(@CurrentCaller() caller: Caller, @UuidParam('counselorId') counselorId: string, @UuidParam('exceptionId') exceptionId: string): Promise<AvailabilityExceptionView> {
    return this.availability.getException(caller, counselorId, exceptionId);
  }

  @Delete(':counselorId/availability-exceptions/:exceptionId')
  @RequirePermission(Permission.CounselorAvailabilityManage)
  @HttpCode(204)
  async removeException(@CurrentCaller() caller: Caller, @UuidParam('counselorId') counselorId: string, @UuidParam('exceptionId') exceptionId: string): Promise<void> {
    await this.availability.deleteException(caller, counselorId, exceptionId);
  }
}
