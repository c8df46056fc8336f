import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import { IsVersion, Trim } from '#core';
import { CASE_RISK_LEVELS, type CaseRiskLevel } from '#cases';
import { TRIAGE_DECISIONS, type TriageDecision } from '../flag-status.js';

export class TriageFlagDto {
  @ApiProperty({ enum: TRIAGE_DECISIONS })
  @IsIn(TRIAGE_DECISIONS)
  decision: TriageDecision;

  @ApiPropertyOptional({ description: 'Required to dismiss; encrypted; never shown to the teacher' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(5, 2000)
  reason?: string;

  @ApiPropertyOptional({ enum: CASE_RISK_LEVELS, description: 'Required to open a case: its initial risk level' })
  @ValidateIf((dto: TriageFlagDto) => dto.decision === 'open_case' || dto.riskLevel !== undefined)
  @IsIn(CASE_RISK_LEVELS)
  riskLevel?: CaseRiskLevel;

  @ApiProperty({ description: 'The version the decision is based on' })
  @IsVersion()
  version: number;
}
