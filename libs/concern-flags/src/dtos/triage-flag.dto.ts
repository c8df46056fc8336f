import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import { INT4_MAX, IsVersion, Trim } from '#core';
import { CASE_RISK_LEVELS, type CaseRiskLevel } from '#cases';
import { TRIAGE_DECISIONS, type TriageDecision } from '../flag-status.js';

export class TriageFlagDto {
  @ApiProperty({ enum: TRIAGE_DECISIONS, enumName: 'TriageDecision' })
  @IsIn(TRIAGE_DECISIONS)
  decision: TriageDecision;

  @ApiPropertyOptional({ description: 'Required to dismiss; encrypted; never shown to the teacher', minLength: 5, maxLength: 2000 })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(5, 2000)
  reason?: string;

  // Required to open a case: its initial risk level (said in the operation: a description here would become CaseRiskLevel's).
  @ApiPropertyOptional({ enum: CASE_RISK_LEVELS, enumName: 'CaseRiskLevel' })
  @ValidateIf((dto: TriageFlagDto) => dto.decision === 'open_case' || dto.riskLevel !== undefined)
  @IsIn(CASE_RISK_LEVELS)
  riskLevel?: CaseRiskLevel;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: INT4_MAX, description: 'The version the decision is based on' })
  @IsVersion()
  version: number;
}
