import { Body, Controller, Get, Param, ParseEnumPipe, Put } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { validationProblem } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { ALERT_SEVERITIES, type AlertSeverity } from '../entities/alert.entity.js';
import { type AlertDeadlineView, AlertDeadlinesService } from './alert-deadlines.service.js';

export class SetAlertDeadlineDto {
  @ApiProperty({ type: 'integer', minimum: 5, maximum: 10080, description: 'Minutes to acknowledge before the alert escalates' })
  @IsInt()
  @Min(5)
  @Max(10080)
  ackMinutes: number;
}

function severityParam(): ParseEnumPipe {
  return new ParseEnumPipe(Object.fromEntries(ALERT_SEVERITIES.map((s) => [s, s])), {
    exceptionFactory: () => validationProblem([{ field: 'severity', message: `must be one of ${ALERT_SEVERITIES.join(', ')}` }]),
  });
}

@ApiTags('alerts')
@Controller('alert-deadlines')
export class AlertDeadlinesController {
  constructor(private readonly deadlines: AlertDeadlinesService) {}

  @Get()
  @RequirePermission(Permission.AlertRead)
  @ApiOperation({ operationId: 'listAlertDeadlines', summary: 'List the minutes each alert severity has to be acknowledged in' })
  list(@CurrentCaller() caller: Caller): Promise<AlertDeadlineView[]> {
    return this.deadlines.list(caller);
  }

  @Put(':severity')
  @RequirePermission(Permission.AlertSettingsManage)
  @ApiOperation({
    operationId: 'setAlertDeadline',
    summary: 'Set the minutes alerts of one severity have to be acknowledged in',
    description: 'Applies to alerts raised afterwards; open alerts keep the deadline they were raised with. Audited.',
  })
  @ApiParam({ name: 'severity', enum: ALERT_SEVERITIES, enumName: 'AlertSeverity' })
  set(
    @CurrentCaller() caller: Caller,
    @Param('severity', severityParam()) severity: AlertSeverity,
    @Body() body: SetAlertDeadlineDto,
  ): Promise<AlertDeadlineView> {
    return this.deadlines.set(caller, severity, body.ackMinutes);
  }
}
