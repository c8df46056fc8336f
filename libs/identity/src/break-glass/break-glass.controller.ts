import { Body, Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({
    operationId: 'requestBreakGlassAccess',
    summary: "Get emergency access to one student's clinical records for an hour",
    description:
      'Granted at once, and made loud: a high-severity audit entry and a notification to every administrator of the school. ' +
      'The reason is stored encrypted and shown only in the grant list.',
  })
  request(@CurrentCaller() caller: Caller, @Body() body: RequestBreakGlassDto): Promise<BreakGlassGrantView> {
    return this.breakGlass.request(caller, body.studentId, body.reason);
  }

  @Get()
  @RequirePermission(Permission.BreakGlassReview)
  @ApiOperation({ operationId: 'listBreakGlassGrants', summary: "The school's emergency-access grants with their reasons, newest first" })
  list(@CurrentCaller() caller: Caller, @Query() query: PageQuery): Promise<Page<BreakGlassGrantView>> {
    return this.breakGlass.list(caller, query);
  }
}
