import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import type { AuditEventView } from './audit-event.view.js';
import { AuditTrailService } from './audit-trail.service.js';
import { ListAuditEventsQuery } from './list-audit-events.query.js';

@ApiTags('audit')
@Controller('audit-events')
export class AuditEventsController {
  constructor(private readonly trail: AuditTrailService) {}

  @Get()
  @RequirePermission(Permission.AuditRead)
  @ApiOperation({
    operationId: 'listAuditEvents',
    summary: "List the school's audit trail, newest first",
    description: 'Filters combine with AND. Reading the trail is not audited itself.',
  })
  list(@CurrentCaller() caller: Caller, @Query() query: ListAuditEventsQuery): Promise<Page<AuditEventView>> {
    return this.trail.list(caller, query);
  }
}
