import { Body, Controller, Get, Headers, HttpCode, Patch, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, expectedVersion, Post, UuidParam } from '#core';
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
  list(@CurrentCaller() caller: Caller, @Query() query: DutyRosterQuery): Promise<{ items: DutyShiftView[] }> {
    return this.roster.list(caller, query);
  }

  /** Static route before `:shiftId`. */
  @Get('gaps')
  @RequirePermission(Permission.DutyRosterRead)
  gaps(@CurrentCaller() caller: Caller, @Query() query: DutyRosterGapsQuery): Promise<{ items: DutyRosterGap[] }> {
    return this.roster.gaps(caller, query.holidayId);
  }

  @Get(':shiftId')
  @RequirePermission(Permission.DutyRosterRead)
  get(@CurrentCaller() caller: Caller, @UuidParam('shiftId') shiftId: string): Promise<DutyShiftView> {
    return this.roster.get(caller, shiftId);
  }

  @Post()
  @RequirePermission(Permission.DutyRosterManage)
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateDutyShiftDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<DutyShiftView> {
    const shift = await this.roster.create(caller, body);
    void reply.header('location', `/${API_PREFIX}/duty-roster/${shift.id}`);
    return shift;
  }

  @Patch(':shiftId')
  @RequirePermission(Permission.DutyRosterManage)
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
  confirmReachable(@CurrentCaller() caller: Caller, @UuidParam('shiftId') shiftId: string): Promise<DutyShiftView> {
    return this.roster.confirmReachable(caller, shiftId);
  }
}
