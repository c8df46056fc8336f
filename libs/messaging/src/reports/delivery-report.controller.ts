import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { type DeliveryReport, DeliveryReportQuery, DeliveryReportService } from './delivery-report.js';

@ApiTags('reports')
@Controller('reports')
export class DeliveryReportController {
  constructor(private readonly report: DeliveryReportService) {}

  @Get('deliveries')
  @RequirePermission(Permission.ReportRead)
  @ApiOperation({
    operationId: 'getDeliveryReport',
    summary: 'Report messages queued in a period per channel: sent, failed, retried, and how fast alerts reached people',
    description: 'Counts and timings only, never an address or what a message said.',
  })
  deliveries(@CurrentCaller() caller: Caller, @Query() query: DeliveryReportQuery): Promise<DeliveryReport> {
    return this.report.perChannel(caller, query);
  }
}
