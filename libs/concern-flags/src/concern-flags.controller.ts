import { Body, Controller, Get, HttpCode, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, type Page, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { type CounselorFlagView, ConcernFlagsService, type TeacherFlagView } from './concern-flags.service.js';
import { FlagListQuery } from './dtos/flag-list.query.js';
import { RaiseFlagDto } from './dtos/raise-flag.dto.js';
import { TriageFlagDto } from './dtos/triage-flag.dto.js';

type FlagView = TeacherFlagView | CounselorFlagView;

@ApiTags('concern-flags')
@Controller('concern-flags')
export class ConcernFlagsController {
  constructor(private readonly flags: ConcernFlagsService) {}

  @Post()
  @RequirePermission(Permission.FlagRaise)
  async raise(@CurrentCaller() caller: Caller, @Body() body: RaiseFlagDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<FlagView> {
    const flag = await this.flags.raise(caller, body);
    void reply.header('location', `/${API_PREFIX}/concern-flags/${flag.id}`);
    return flag;
  }

  @Get()
  @RequirePermission(Permission.FlagRead)
  list(@CurrentCaller() caller: Caller, @Query() query: FlagListQuery): Promise<Page<FlagView>> {
    return this.flags.list(caller, query);
  }

  @Get(':flagId')
  @RequirePermission(Permission.FlagRead)
  get(@CurrentCaller() caller: Caller, @UuidParam('flagId') flagId: string): Promise<FlagView> {
    return this.flags.get(caller, flagId);
  }

  @Post(':flagId/triage')
  @RequirePermission(Permission.FlagTriage)
  @HttpCode(200)
  triage(@CurrentCaller() caller: Caller, @UuidParam('flagId') flagId: string, @Body() body: TriageFlagDto): Promise<FlagView> {
    return this.flags.triage(caller, flagId, body);
  }
}
