import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../http/route-access.js';
import type { HealthLiveness, HealthReadiness } from './health.views.js';
import { AlsoAnswers } from '../contract/also-answers.js';

/** Liveness says the process answers; readiness says it can reach its database. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  @Get('live')
  @ApiOperation({
    operationId: 'getLiveness',
    summary: 'Check that the server process answers',
    description: 'Outside `/api/v1` (at `/health/live`); never touches the database.',
  })
  live(): HealthLiveness {
    return { status: 'ok' };
  }

  @Get('ready')
  // Terminus' own documentation describes its 503 as JSON; the problem filter answers it as a problem.
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({
    operationId: 'getReadiness',
    summary: 'Check that the server can reach its database',
    description: 'Outside `/api/v1` (at `/health/ready`); answers 503 while the database does not answer within 2 seconds.',
  })
  @AlsoAnswers('service.unavailable')
  async ready(): Promise<HealthReadiness> {
    const result = await this.health.check([() => this.database.pingCheck('database', { timeout: 2_000 })]);
    // Terminus throws (503) unless every indicator is up, and types its result loosely (any extra
    // data per indicator); what comes back here is the all-up result, with each check's responseTime.
    return result as unknown as HealthReadiness;
  }
}
