import { Body, Controller, Get, Headers, Patch, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, ApiIfMatchHeader, expectedVersion, type Page, Post, UuidParam } from '#core';
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
  @ApiOperation({
    operationId: 'listKeyWindows',
    summary: 'List the key windows active at an instant, or overlapping a range',
    description: "Computed on each request from the school's holidays and window settings; with no parameter, the windows active now.",
  })
  listWindows(@CurrentCaller() caller: Caller, @Query() query: WindowsQuery): Promise<{ items: KeyWindow[] }> {
    return this.windows.windows(caller, query);
  }

  @Get('window-settings')
  @RequirePermission(Permission.CalendarRead)
  @ApiOperation({ operationId: 'getWindowSettings', summary: "Get the school's key-window lengths", description: 'The defaults, at version 1, until an administrator first changes them.' })
  getSettings(@CurrentCaller() caller: Caller): Promise<WindowSettingsView> {
    return this.settings.find(caller.schoolId);
  }

  @Patch('window-settings')
  @RequirePermission(Permission.CalendarManage)
  @ApiOperation({ operationId: 'updateWindowSettings', summary: "Change the school's key-window lengths", description: 'Audited; moves every key window of the school.' })
  @ApiIfMatchHeader()
  updateSettings(@CurrentCaller() caller: Caller, @Headers('if-match') ifMatch: string | undefined, @Body() body: UpdateWindowSettingsDto): Promise<WindowSettingsView> {
    return this.settings.update(caller, expectedVersion(ifMatch, body.version), body);
  }

  @Get('terms')
  @RequirePermission(Permission.CalendarRead)
  @ApiOperation({ operationId: 'listTerms', summary: "List the school's terms in date order" })
  listTerms(@CurrentCaller() caller: Caller, @Query() query: CalendarListQuery): Promise<Page<TermView>> {
    return this.periods.listTerms(caller, query);
  }

  @Get('terms/:termId')
  @RequirePermission(Permission.CalendarRead)
  @ApiOperation({ operationId: 'getTerm', summary: 'Get a term' })
  getTerm(@CurrentCaller() caller: Caller, @UuidParam('termId') termId: string): Promise<TermView> {
    return this.periods.getTerm(caller, termId);
  }

  @Post('terms')
  @RequirePermission(Permission.CalendarManage)
  @ApiOperation({ operationId: 'createTerm', summary: 'Add a term to the school calendar', description: "A term may not overlap another of the school's terms. Audited." })
  async createTerm(@CurrentCaller() caller: Caller, @Body() body: CreateTermDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<TermView> {
    const term = await this.periods.createTerm(caller, body);
    void reply.header('location', `/${API_PREFIX}/calendar/terms/${term.id}`);
    return term;
  }

  @Patch('terms/:termId')
  @RequirePermission(Permission.CalendarManage)
  @ApiOperation({ operationId: 'updateTerm', summary: "Change a term's name or dates", description: "A term may not overlap another of the school's terms. Audited." })
  @ApiIfMatchHeader()
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
  @ApiOperation({ operationId: 'listHolidays', summary: "List the school's holidays in date order" })
  listHolidays(@CurrentCaller() caller: Caller, @Query() query: CalendarListQuery): Promise<Page<HolidayView>> {
    return this.periods.listHolidays(caller, query);
  }

  @Get('holidays/:holidayId')
  @RequirePermission(Permission.CalendarRead)
  @ApiOperation({ operationId: 'getHoliday', summary: 'Get a holiday' })
  getHoliday(@CurrentCaller() caller: Caller, @UuidParam('holidayId') holidayId: string): Promise<HolidayView> {
    return this.periods.getHoliday(caller, holidayId);
  }

  @Post('holidays')
  @RequirePermission(Permission.CalendarManage)
  @ApiOperation({
    operationId: 'createHoliday',
    summary: 'Add a holiday to the school calendar',
    description: "A holiday may not overlap another of the school's holidays; its key windows follow from the window settings. Audited.",
  })
  async createHoliday(@CurrentCaller() caller: Caller, @Body() body: CreateHolidayDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<HolidayView> {
    const holiday = await this.periods.createHoliday(caller, body);
    void reply.header('location', `/${API_PREFIX}/calendar/holidays/${holiday.id}`);
    return holiday;
  }

  @Patch('holidays/:holidayId')
  @RequirePermission(Permission.CalendarManage)
  @ApiOperation({ operationId: 'updateHoliday', summary: "Change a holiday's kind, name or dates", description: "A holiday may not overlap another of the school's holidays. Audited." })
  @ApiIfMatchHeader()
  updateHoliday(
    @CurrentCaller() caller: Caller,
    @UuidParam('holidayId') holidayId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateHolidayDto,
  ): Promise<HolidayView> {
    return this.periods.updateHoliday(caller, holidayId, expectedVersion(ifMatch, body.version), body);
  }
}
