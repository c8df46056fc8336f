import { Body, Controller, Delete, Get, HttpCode, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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

  @ApiOperation({ operationId: 'listCounselors', summary: "List the school's counselors, by name" })
  @Get()
  @RequirePermission(Permission.CounselorCalendarRead)
  list(@CurrentCaller() caller: Caller, @Query() query: PageQuery): Promise<Page<CounselorSummary>> {
    return this.calendars.counselors(caller, query);
  }

  /** Free and booked time between `from` and `to` (at most 31 days). */
  @ApiOperation({
    operationId: 'getCounselorCalendar',
    summary: "Get a counselor's free and booked time between two instants (at most 31 days)",
    description:
      "Who is booked, and into which session, only for the counselor and the student's open-case team; such a read is audited.",
  })
  @Get(':counselorId/calendar')
  @RequirePermission(Permission.CounselorCalendarRead)
  calendar(@CurrentCaller() caller: Caller, @UuidParam('counselorId') counselorId: string, @Query() query: CalendarQuery): Promise<CounselorCalendar> {
    return this.calendars.calendarOf(caller, counselorId, query);
  }

  @ApiOperation({ operationId: 'listAvailabilityRules', summary: "List a counselor's weekly availability, by weekday and time" })
  @Get(':counselorId/availability-rules')
  @RequirePermission(Permission.CounselorCalendarRead)
  rules(@CurrentCaller() caller: Caller, @UuidParam('counselorId') counselorId: string, @Query() query: PageQuery): Promise<Page<AvailabilityRuleView>> {
    return this.availability.listRules(caller, counselorId, query);
  }

  @ApiOperation({
    operationId: 'createAvailabilityRule',
    summary: 'Add a weekly window of availability to a counselor',
    description: 'Your own availability, or anyone\'s for the head of counseling; anyone else\'s answers 404. Audited.',
  })
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

  @ApiOperation({ operationId: 'getAvailabilityRule', summary: "Get one weekly window of a counselor's availability" })
  @Get(':counselorId/availability-rules/:ruleId')
  @RequirePermission(Permission.CounselorCalendarRead)
  rule(@CurrentCaller() caller: Caller, @UuidParam('counselorId') counselorId: string, @UuidParam('ruleId') ruleId: string): Promise<AvailabilityRuleView> {
    return this.availability.getRule(caller, counselorId, ruleId);
  }

  @ApiOperation({
    operationId: 'deleteAvailabilityRule',
    summary: "Remove a weekly window of a counselor's availability",
    description: 'Sessions already booked stay. Your own, or anyone\'s for the head of counseling. Audited.',
  })
  @Delete(':counselorId/availability-rules/:ruleId')
  @RequirePermission(Permission.CounselorAvailabilityManage)
  @HttpCode(204)
  async removeRule(@CurrentCaller() caller: Caller, @UuidParam('counselorId') counselorId: string, @UuidParam('ruleId') ruleId: string): Promise<void> {
    await this.availability.deleteRule(caller, counselorId, ruleId);
  }

  @ApiOperation({ operationId: 'listAvailabilityExceptions', summary: "List a counselor's leave and extra hours, by start" })
  @Get(':counselorId/availability-exceptions')
  @RequirePermission(Permission.CounselorCalendarRead)
  exceptions(@CurrentCaller() caller: Caller, @UuidParam('counselorId') counselorId: string, @Query() query: ExceptionListQuery): Promise<Page<AvailabilityExceptionView>> {
    return this.availability.listExceptions(caller, counselorId, query);
  }

  @ApiOperation({
    operationId: 'createAvailabilityException',
    summary: 'Add leave or extra hours to a counselor\'s availability',
    description: 'Your own availability, or anyone\'s for the head of counseling; anyone else\'s answers 404. Audited.',
  })
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

  @ApiOperation({ operationId: 'getAvailabilityException', summary: "Get one leave or extra hours of a counselor's availability" })
  @Get(':counselorId/availability-exceptions/:exceptionId')
  @RequirePermission(Permission.CounselorCalendarRead)
  exception(@CurrentCaller() caller: Caller, @UuidParam('counselorId') counselorId: string, @UuidParam('exceptionId') exceptionId: string): Promise<AvailabilityExceptionView> {
    return this.availability.getException(caller, counselorId, exceptionId);
  }

  @ApiOperation({
    operationId: 'deleteAvailabilityException',
    summary: "Remove leave or extra hours from a counselor's availability",
    description: 'Sessions already booked stay. Your own, or anyone\'s for the head of counseling. Audited.',
  })
  @Delete(':counselorId/availability-exceptions/:exceptionId')
  @RequirePermission(Permission.CounselorAvailabilityManage)
  @HttpCode(204)
  async removeException(@CurrentCaller() caller: Caller, @UuidParam('counselorId') counselorId: string, @UuidParam('exceptionId') exceptionId: string): Promise<void> {
    await this.availability.deleteException(caller, counselorId, exceptionId);
  }
}
