import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Page, PageQuery, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { ResponseReadsService } from './response-reads.service.js';
import type { ResponseDetailView, ScreeningResultView } from './response.views.js';

@ApiTags('screening-responses')
@Controller()
export class ResponsesController {
  constructor(private readonly reads: ResponseReadsService) {}

  @Get('screening-responses/:responseId')
  @RequirePermission(Permission.ScreeningResponseRead)
  @ApiOperation({ summary: "One response with its answers: the campaign's team, or a break-glass grant; anyone else 404 (audited)" })
  get(@CurrentCaller() caller: Caller, @UuidParam('responseId') responseId: string): Promise<ResponseDetailView> {
    return this.reads.get(caller, responseId);
  }

  @Get('students/:studentId/screening-results')
  @RequirePermission(Permission.ScreeningResultsRead)
  @ApiOperation({ summary: "A student's screening results, newest first, without answers (audited)" })
  listForStudent(@CurrentCaller() caller: Caller, @UuidParam('studentId') studentId: string, @Query() query: PageQuery): Promise<Page<ScreeningResultView>> {
    return this.reads.listForStudent(caller, studentId, query);
  }
}
