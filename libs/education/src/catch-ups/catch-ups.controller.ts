import { Controller, Get, HttpCode, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Page, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { CatchUpListQuery, type CatchUpView } from './catch-up.dtos.js';
import { CatchUpsService } from './catch-ups.service.js';

@ApiTags('education')
@Controller('education/catch-ups')
export class CatchUpsController {
  constructor(private readonly catchUps: CatchUpsService) {}

  @Get()
  @RequirePermission(Permission.EducationRead)
  @ApiOperation({
    operationId: 'listEducationCatchUps',
    summary: 'List the students who missed a delivered activity and their catch-ups, oldest first',
    description: 'Only the needed ones unless `status` says otherwise. Class teachers see the students of the classes they teach now.',
  })
  list(@CurrentCaller() caller: Caller, @Query() query: CatchUpListQuery): Promise<Page<CatchUpView>> {
    return this.catchUps.list(caller, query);
  }

  @Post(':catchUpId/complete')
  @RequirePermission(Permission.EducationConfirm)
  @HttpCode(200)
  @ApiOperation({ operationId: 'completeEducationCatchUp', summary: "Mark a student's catch-up done", description: 'Only a needed catch-up can be completed. Audited.' })
  complete(@CurrentCaller() caller: Caller, @UuidParam('catchUpId') catchUpId: string): Promise<CatchUpView> {
    return this.catchUps.complete(caller, catchUpId);
  }
}
