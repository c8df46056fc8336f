import { Body, Controller, Get, HttpCode, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Page, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { AssessRiskDto, RiskRegisterQuery } from './dtos/risk.dtos.js';
import { type RiskRegisterEntry, RiskRegisterService, type StudentRiskDetail } from './risk-register.service.js';

@ApiTags('risk')
@Controller()
export class RiskRegisterController {
  constructor(private readonly register: RiskRegisterService) {}

  @Get('risk-register')
  @RequirePermission(Permission.RiskRegisterRead)
  @ApiOperation({
    operationId: 'listRiskRegister',
    summary: "List the school's students at risk, highest level first",
    description: 'Levels only, without assessment reasons; each page read is audited.',
  })
  list(@CurrentCaller() caller: Caller, @Query() query: RiskRegisterQuery): Promise<Page<RiskRegisterEntry>> {
    return this.register.list(caller, query);
  }

  @Get('students/:studentId/risk')
  @RequirePermission(Permission.StudentRiskRead)
  @ApiOperation({
    operationId: 'getStudentRisk',
    summary: "Get a student's risk level, the assessment behind it and its history",
    description:
      "Audited. Counselors and the head of counseling reach any student of the school; anyone else needs an active break-glass grant " +
      'for the student, else 404.',
  })
  get(@CurrentCaller() caller: Caller, @UuidParam('studentId') studentId: string): Promise<StudentRiskDetail> {
    return this.register.get(caller, studentId);
  }

  @Post('students/:studentId/risk-assessments')
  @RequirePermission(Permission.RiskAssess)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'assessStudentRisk',
    summary: "Set a student's risk level by assessment, until it expires",
    description: 'The assessment overrides the level derived from signals until `expiresAt`; the change is kept in the history and audited.',
  })
  assess(@CurrentCaller() caller: Caller, @UuidParam('studentId') studentId: string, @Body() body: AssessRiskDto): Promise<StudentRiskDetail> {
    return this.register.assess(caller, studentId, body);
  }
}
