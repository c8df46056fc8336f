import { ApiProperty } from '@nestjs/swagger';
import { IsDateString, IsIn, IsString, IsUUID, Length } from 'class-validator';
import { Trim } from '#core';
import { FLAG_CATEGORIES, FLAG_SEVERITIES, type FlagCategory, type FlagSeverity } from '../entities/concern-flag.entity.js';

export class RaiseFlagDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  studentId: string;

  @ApiProperty({ enum: FLAG_CATEGORIES, enumName: 'FlagCategory' })
  @IsIn(FLAG_CATEGORIES)
  category: FlagCategory;

  @ApiProperty({ enum: FLAG_SEVERITIES, enumName: 'FlagSeverity', description: '`high` raises a high alert, `urgent` a critical one' })
  @IsIn(FLAG_SEVERITIES)
  severity: FlagSeverity;

  @ApiProperty({ format: 'date-time', description: 'When it was observed (ISO 8601 with offset), not in the future' })
  @IsDateString({ strict: true })
  observedAt: string;

  @ApiProperty({ description: 'What was seen or heard (encrypted at rest)', minLength: 5, maxLength: 4000, example: '最近一周上课常趴在桌上，说“活着没意思”' })
  @Trim()
  @IsString()
  @Length(5, 4000)
  observation: string;
}
