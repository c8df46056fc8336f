import { Body, Controller, Get, HttpCode, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Page, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { AssessRiskDto, RiskRegisterQuery } from './dtos/risk.dtos.js';
import { RiskRegisterService, type RiskView } from './risk-register.service.js';

@ApiTags('risk')
@Controller()
export class RiskRegisterController {
  constructor(private readonly register: RiskRegisterService) {}

  @Get('risk-register')
  @RequirePermission(Permission.RiskRegisterRead)
  list(@CurrentCaller() caller: Caller, @Query() query: RiskRegisterQuery): Promise<Page<unknown>> {
    return this.register.list(caller, query);
  }

  @Get('students/:studentId/risk')
  @RequirePermission(Permission.StudentRiskRead)
  get(@CurrentCaller() caller: Caller, @UuidParam('studentId') studentId: string): Promise<RiskView> {
    return this.register.get(caller, studentId);
  }

  @Post('students/:studentId/risk-assessments')
  @RequirePermission(Permission.RiskAssess)
  @HttpCode(200)
  assess(@CurrentCaller() caller: Caller, @UuidParam('studentId') studentId: string, @Body() body: AssessRiskDto): Promise<RiskView> {
    return this.register.assess(caller, studentId, body);
  }
}
