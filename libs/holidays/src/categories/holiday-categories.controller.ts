import { Body, Controller, Get, Headers, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiCreatedOrOk, ApiIfMatchHeader, expectedVersion, type Page, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import {
  HolidayCategoryListQuery,
  type HolidayCategoryView,
  OnSiteQuery,
  type OnSiteStudentView,
  PutHolidayCategoryDto,
  UnregisteredQuery,
  type UnregisteredStudentView,
} from './holiday-categories.dtos.js';
import { HolidayCategoriesService } from './holiday-categories.service.js';

/**
 * Students' holiday categories: class teachers register their classes, counselors and
 * administrators the school's; duty officers list who stays on campus or is on an internship.
 */
@ApiTags('holiday-categories')
@Controller('calendar/holidays/:holidayId/categories')
export class HolidayCategoriesController {
  constructor(private readonly categories: HolidayCategoriesService) {}

  @Get()
  @RequirePermission(Permission.HolidayCategoryRead)
  @ApiOperation({
    operationId: 'listHolidayCategories',
    summary: "List the students' holiday categories registered for a holiday",
    description: 'Class teachers see the students of their current classes, counselors and administrators the whole school. Only counselors may filter with `atRisk`.',
  })
  list(@CurrentCaller() caller: Caller, @UuidParam('holidayId') holidayId: string, @Query() query: HolidayCategoryListQuery): Promise<Page<HolidayCategoryView>> {
    return this.categories.list(caller, holidayId, query);
  }

  /** Static routes before `:studentId`. */
  @Get('unregistered')
  @RequirePermission(Permission.HolidayCategoryRead)
  @ApiOperation({ operationId: 'listStudentsWithoutHolidayCategory', summary: 'List the students of a class who have no holiday category for the holiday yet' })
  unregistered(@CurrentCaller() caller: Caller, @UuidParam('holidayId') holidayId: string, @Query() query: UnregisteredQuery): Promise<Page<UnregisteredStudentView>> {
    return this.categories.unregistered(caller, holidayId, query);
  }

  @Get('on-site')
  @RequirePermission(Permission.HolidayOnSiteRead)
  @ApiOperation({
    operationId: 'listHolidayOnSiteStudents',
    summary: 'List the students who stay on campus or are on an internship over the holiday',
    description: 'With where they are and the phone to reach them on: what a duty officer needs.',
  })
  onSite(@CurrentCaller() caller: Caller, @UuidParam('holidayId') holidayId: string, @Query() query: OnSiteQuery): Promise<Page<OnSiteStudentView>> {
    return this.categories.onSite(caller, holidayId, query);
  }

  /**
   * Registers the student (201) or, with the version it is based on (`If-Match` or body), replaces
   * the registration (200).
   */
  @Put(':studentId')
  @RequirePermission(Permission.HolidayCategoryRegister)
  @ApiOperation({
    operationId: 'registerHolidayCategory',
    summary: "Register a student's holiday category, or replace the registration",
    description:
      'Without a version it registers the student (201); with the version the change is based on (If-Match or body) it replaces the registration (200). Free text is encrypted at rest. Audited.',
  })
  @ApiCreatedOrOk('The student is registered', 'The registration is replaced')
  @ApiIfMatchHeader('To replace a registration: its version, quoted (`"3"`); or send `version` in the body. Leave both out to register the student')
  async put(
    @CurrentCaller() caller: Caller,
    @UuidParam('holidayId') holidayId: string,
    @UuidParam('studentId') studentId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: PutHolidayCategoryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HolidayCategoryView> {
    const version = ifMatch === undefined && body.version === undefined ? undefined : expectedVersion(ifMatch, body.version);
    const { created, view } = await this.categories.put(caller, holidayId, studentId, version, body);
    void reply.status(created ? 201 : 200);
    return view;
  }
}
