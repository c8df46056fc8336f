import { ApiProperty } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageQuery, ToArray, Trim } from '#core';
import { RISK_LEVELS, type RiskLevel } from '../risk-level.js';

export class AssessRiskDto {
  @ApiProperty({ enum: RISK_LEVELS })
  @IsIn(RISK_LEVELS)
  level: RiskLevel;

  @ApiProperty({ description: 'Why (encrypted at rest)' })
  @Trim()
  @IsString()
  @Length(10, 2000)
  reason: string;

  @ApiProperty({ description: 'When the assessment stops overriding the signals (ISO 8601 with offset)' })
  @IsDateString({ strict: true })
  expiresAt: string;
}

export class RiskRegisterQuery extends PageQuery {
  /** Any of; by default every level above none. */
  @IsOptional()
  @ToArray()
  @IsIn(RISK_LEVELS, { each: true })
  level?: RiskLevel[];
}
