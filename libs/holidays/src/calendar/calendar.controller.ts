import { Body, Controller, Get, Headers, Patch, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, expectedVersion, type Page, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import type { KeyWindow } from '../windows/key-windows.js';
import {
  CalendarListQuery,
  CreateHolidayDto,
  CreateTermDto,
  type HolidayView,
  type TermView,
  UpdateHolidayDto,
  UpdateTermDto,
  UpdateWindowSettingsDto,
  type WindowSettingsView,
  WindowsQuery,
} from './calendar.dtos.js';
import { CalendarPeriodsService } from './calendar-periods.service.js';
import { KeyWindowsService } from './key-windows.service.js';
import { WindowSettingsService } from './window-settings.service.js';

/** The school's term calendar and key windows: all staff read, administrators write. */
@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(
    private readonly periods: CalendarPeriodsService,
    private readonly settings: WindowSettingsService,
    private readonly windows: KeyWindowsService,
  ) {}

  @Get('windows')
  @RequirePermission(Permission.CalendarRead)
  listWindows(@CurrentCaller() caller: Caller, @Query() query: WindowsQuery): Promise<{ items: KeyWindow[] }> {
    return this.windows.windows(caller, query);
  }

  @Get('window-settings')
  @RequirePermission(Permission.CalendarRead)
  getSettings(@CurrentCaller() caller: Caller): Promise<WindowSettingsView> {
    return this.settings.find(caller.schoolId);
  }

  @Patch('window-settings')
  @RequirePermission(Permission.CalendarManage)
  updateSettings(@CurrentCaller() caller: Caller, @Headers('if-match') ifMatch: string | undefined, @Body() body: UpdateWindowSettingsDto): Promise<WindowSettingsView> {
    return this.settings.update(caller, expectedVersion(ifMatch, body.version), body);
  }

  @Get('terms')
  @RequirePermission(Permission.CalendarRead)
  listTerms(@CurrentCaller() caller: Caller, @Query() query: CalendarListQuery): Promise<Page<TermView>> {
    return this.periods.listTerms(caller, query);
  }

  @Get('terms/:termId')
  @RequirePermission(Permission.CalendarRead)
  getTerm(@CurrentCaller() caller: Caller, @UuidParam('termId') termId: string): Promise<TermView> {
    return this.periods.getTerm(caller, termId);
  }

  @Post('terms')
  @RequirePermission(Permission.CalendarManage)
  async createTerm(@CurrentCaller() caller: Caller, @Body() body: CreateTermDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<TermView> {
    const term = await this.periods.createTerm(caller, body);
    void reply.header('location', `/${API_PREFIX}/calendar/terms/${term.id}`);
    return term;
  }

  @Patch('terms/:termId')
  @RequirePermission(Permission.CalendarManage)
  updateTerm(
    @CurrentCaller() caller: Caller,
    @UuidParam('termId') termId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateTermDto,
  ): Promise<TermView> {
    return this.periods.updateTerm(caller, termId, expectedVersion(ifMatch, body.version), body);
  }

  @Get('holidays')
  @RequirePermission(Permission.CalendarRead)
  listHolidays(@CurrentCaller() caller: Caller, @Query() query: CalendarListQuery): Promise<Page<HolidayView>> {
    return this.periods.listHolidays(caller, query);
  }

  @Get('holidays/:holidayId')
  @RequirePermission(Permission.CalendarRead)
  getHoliday(@CurrentCaller() caller: Caller, @UuidParam('holidayId') holidayId: string): Promise<HolidayView> {
    return this.periods.getHoliday(caller, holidayId);
  }

  @Post('holidays')
  @RequirePermission(Permission.CalendarManage)
  async createHoliday(@CurrentCaller() caller: Caller, @Body() body: CreateHolidayDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<HolidayView> {
    const holiday = await this.periods.createHoliday(caller, body);
    void reply.header('location', `/${API_PREFIX}/calendar/holidays/${holiday.id}`);
    return holiday;
  }

  @Patch('holidays/:holidayId')
  @RequirePermission(Permission.CalendarManage)
  updateHoliday(
    @CurrentCaller() caller: Caller,
    @UuidParam('holidayId') holidayId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateHolidayDto,
  ): Promise<HolidayView> {
    return this.periods.updateHoliday(caller, holidayId, expectedVersion(ifMatch, body.version), body);
  }
}
