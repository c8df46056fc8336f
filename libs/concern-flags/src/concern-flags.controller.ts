import { Body, Controller, Get, HttpCode, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, type Page, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { type ConcernFlagListItem, ConcernFlagsService, type ConcernFlagView } from './concern-flags.service.js';
import { FlagListQuery } from './dtos/flag-list.query.js';
import { RaiseFlagDto } from './dtos/raise-flag.dto.js';
import { TriageFlagDto } from './dtos/triage-flag.dto.js';

@ApiTags('concern-flags')
@Controller('concern-flags')
export class ConcernFlagsController {
  constructor(private readonly flags: ConcernFlagsService) {}

  @Post()
  @RequirePermission(Permission.FlagRaise)
  @ApiOperation({
    operationId: 'raiseConcernFlag',
    summary: 'Raise a concern about a student of your class',
    description: 'A high flag raises a high alert and an urgent one a critical alert, telling the counselors; audited.',
  })
  async raise(
    @CurrentCaller() caller: Caller,
    @Body() body: RaiseFlagDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConcernFlagView> {
    const flag = await this.flags.raise(caller, body);
    void reply.header('location', `/${API_PREFIX}/concern-flags/${flag.id}`);
    return flag;
  }

  @Get()
  @RequirePermission(Permission.FlagRead)
  @ApiOperation({
    operationId: 'listConcernFlags',
    summary: 'List concern flags, newest first',
    description: "A class teacher sees only the flags they raised, in the teacher's view; counselors see the school's, without the text.",
  })
  list(@CurrentCaller() caller: Caller, @Query() query: FlagListQuery): Promise<Page<ConcernFlagListItem>> {
    return this.flags.list(caller, query);
  }

  @Get(':flagId')
  @RequirePermission(Permission.FlagRead)
  @ApiOperation({
    operationId: 'getConcernFlag',
    summary: 'Get a concern flag',
    description:
      "The raising teacher sees their own words and where it stands; a counselor's read shows the observation and triage reason and is audited.",
  })
  get(@CurrentCaller() caller: Caller, @UuidParam('flagId') flagId: string): Promise<ConcernFlagView> {
    return this.flags.get(caller, flagId);
  }

  @Post(':flagId/triage')
  @RequirePermission(Permission.FlagTriage)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'triageConcernFlag',
    summary: 'Decide on a concern flag: review, monitor, open a case, dismiss or close',
    description:
      "`open_case` needs `riskLevel`, the initial risk level of the student's case, which it opens (or adds the flag to the open one); " +
      "`dismiss` needs a `reason`. The decision is audited and the student's risk level recomputed.",
  })
  triage(@CurrentCaller() caller: Caller, @UuidParam('flagId') flagId: string, @Body() body: TriageFlagDto): Promise<ConcernFlagView> {
    return this.flags.triage(caller, flagId, body);
  }
}
