import { Controller, Get, HttpCode, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
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
  list(@CurrentCaller() caller: Caller, @Query() query: CatchUpListQuery): Promise<Page<CatchUpView>> {
    return this.catchUps.list(caller, query);
  }

  @Post(':catchUpId/complete')
  @RequirePermission(Permission.EducationConfirm)
  @HttpCode(200)
  complete(@CurrentCaller() caller: Caller, @UuidParam('catchUpId') catchUpId: string): Promise<CatchUpView> {
    return this.catchUps.complete(caller, catchUpId);
  }
}
