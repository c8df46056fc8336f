import { Body, Controller, Get, Headers, HttpCode, Patch, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, ApiIfMatchHeader, expectedVersion, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { CreateDutyShiftDto, type DutyRosterGap, DutyRosterGapsQuery, DutyRosterQuery, type DutyShiftView, UpdateDutyShiftDto } from './duty-roster.dtos.js';
import { DutyRosterService } from './duty-roster.service.js';

/** The holiday duty roster: all staff see who to call, administrators plan it. */
@ApiTags('duty-roster')
@Controller('duty-roster')
export class DutyRosterController {
  constructor(private readonly roster: DutyRosterService) {}

  @Get()
  @RequirePermission(Permission.DutyRosterRead)
  @ApiOperation({
    operationId: 'listDutyShifts',
    summary: 'List the duty shifts of a range of days, in time order',
    description: 'Handover notes are given to administrators, the head of counseling and duty officers; null for everyone else.',
  })
  list(@CurrentCaller() caller: Caller, @Query() query: DutyRosterQuery): Promise<{ items: DutyShiftView[] }> {
    return this.roster.list(caller, query);
  }

  /** Static route before `:shiftId`. */
  @Get('gaps')
  @RequirePermission(Permission.DutyRosterRead)
  @ApiOperation({
    operationId: 'listDutyRosterGaps',
    summary: "List the gaps of a holiday's roster: shifts without an officer, officers not confirmed reachable",
    description:
      '`unfilled_shift`: a day and shift with no officer. `unconfirmed_officer`: an officer who had not confirmed their reachability check ' +
      '(the link in the test message) 24 hours before their first shift of the holiday. `unreachable_officer`: an officer with no verified ' +
      'contact details on a channel this server sends on, at once. Officer gaps name the officer\'s first shift of the holiday. In time order.',
  })
  gaps(@CurrentCaller() caller: Caller, @Query() query: DutyRosterGapsQuery): Promise<{ items: DutyRosterGap[] }> {
    return this.roster.gaps(caller, query.holidayId);
  }

  @Get(':shiftId')
  @RequirePermission(Permission.DutyRosterRead)
  @ApiOperation({ operationId: 'getDutyShift', summary: 'Get a duty shift', description: 'Handover notes as in the list: null for those who may not read them.' })
  get(@CurrentCaller() caller: Caller, @UuidParam('shiftId') shiftId: string): Promise<DutyShiftView> {
    return this.roster.get(caller, shiftId);
  }

  @Post()
  @RequirePermission(Permission.DutyRosterManage)
  @ApiOperation({
    operationId: 'createDutyShift',
    summary: 'Put an officer on a day or night shift',
    description: 'The officer must be an active staff member whose role can acknowledge alerts; one officer per day and shift. Handover notes are encrypted at rest. Audited.',
  })
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateDutyShiftDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<DutyShiftView> {
    const shift = await this.roster.create(caller, body);
    void reply.header('location', `/${API_PREFIX}/duty-roster/${shift.id}`);
    return shift;
  }

  @Patch(':shiftId')
  @RequirePermission(Permission.DutyRosterManage)
  @ApiOperation({ operationId: 'updateDutyShift', summary: "Change a shift's officer, phone or handover notes", description: 'Audited.' })
  @ApiIfMatchHeader()
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam('shiftId') shiftId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateDutyShiftDto,
  ): Promise<DutyShiftView> {
    return this.roster.update(caller, shiftId, expectedVersion(ifMatch, body.version), body);
  }

  @Post(':shiftId/confirm-reachable')
  @RequirePermission(Permission.DutyShiftConfirm)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'confirmDutyShiftReachable',
    summary: 'Confirm that the officer of the shift can be reached',
    description: "Only the shift's own officer may confirm; anyone else's shift answers 404. Audited.",
  })
  confirmReachable(@CurrentCaller() caller: Caller, @UuidParam('shiftId') shiftId: string): Promise<DutyShiftView> {
    return this.roster.confirmReachable(caller, shiftId);
  }
}
