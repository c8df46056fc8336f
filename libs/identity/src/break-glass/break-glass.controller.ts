import { Body, Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Page, PageQuery, Post } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { type BreakGlassGrantView, RequestBreakGlassDto } from './break-glass.dto.js';
import { BreakGlassService } from './break-glass.service.js';

@ApiTags('break-glass')
@Controller('break-glass')
export class BreakGlassController {
  constructor(private readonly breakGlass: BreakGlassService) {}

  @Post()
  @RequirePermission(Permission.BreakGlassUse)
  request(@CurrentCaller() caller: Caller, @Body() body: RequestBreakGlassDto): Promise<BreakGlassGrantView> {
    return this.breakGlass.request(caller, body.studentId, body.reason);
  }

  @Get()
  @RequirePermission(Permission.BreakGlassReview)
  list(@CurrentCaller() caller: Caller, @Query() query: PageQuery): Promise<Page<BreakGlassGrantView>> {
    return this.breakGlass.list(caller, query);
  }
}
