import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageQuery, ToArray, Trim } from '#core';
import { RISK_LEVELS, type RiskLevel } from '../risk-level.js';

export class AssessRiskDto {
  @ApiProperty({ enum: RISK_LEVELS, enumName: 'RiskLevel' })
  @IsIn(RISK_LEVELS)
  level: RiskLevel;

  @ApiProperty({ description: 'Why (encrypted at rest)', minLength: 10, maxLength: 2000 })
  @Trim()
  @IsString()
  @Length(10, 2000)
  reason: string;

  @ApiProperty({ format: 'date-time', description: 'When the assessment stops overriding the signals (ISO 8601 with offset): in the future, within a year' })
  @IsDateString({ strict: true })
  expiresAt: string;
}

export class RiskRegisterQuery extends PageQuery {
  /** Any of; by default every level above none. */
  @ApiPropertyOptional({ enum: RISK_LEVELS, enumName: 'RiskLevel', isArray: true, description: 'Repeat for any of; every level above `none` when absent' })
  @IsOptional()
  @ToArray()
  @IsIn(RISK_LEVELS, { each: true })
  level?: RiskLevel[];
}
