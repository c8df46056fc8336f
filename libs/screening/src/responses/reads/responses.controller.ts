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
  @ApiOperation({
    operationId: 'getScreeningResponse',
    summary: 'One screening response with its answers, score and band',
    description: "The campaign's team, or someone with a break-glass grant for the student; anyone else 404. Every read is audited.",
  })
  get(@CurrentCaller() caller: Caller, @UuidParam('responseId') responseId: string): Promise<ResponseDetailView> {
    return this.reads.get(caller, responseId);
  }

  @Get('students/:studentId/screening-results')
  @RequirePermission(Permission.ScreeningResultsRead)
  @ApiOperation({
    operationId: 'listStudentScreeningResults',
    summary: "A student's screening results, newest first, without the answers",
    description: "Audited as a read of the student's records.",
  })
  listForStudent(@CurrentCaller() caller: Caller, @UuidParam('studentId') studentId: string, @Query() query: PageQuery): Promise<Page<ScreeningResultView>> {
    return this.reads.listForStudent(caller, studentId, query);
  }
}
