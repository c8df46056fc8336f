import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { TRIAGE_DECISIONS, type TriageDecision } from '../flag-status.js';

export class TriageFlagDto {
  @ApiProperty({ enum: TRIAGE_DECISIONS })
  @IsIn(TRIAGE_DECISIONS)
  decision: TriageDecision;

  @ApiPropertyOptional({ description: 'Required to dismiss; encrypted; never shown to the teacher' })
  @IsOptional()
  @IsString()
  @Length(5, 2000)
  reason?: string;

  @ApiProperty({ description: 'The version the decision is based on' })
  @IsInt()
  @Min(1)
  version: number;
}
