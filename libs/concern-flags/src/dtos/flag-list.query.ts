import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery, ToArray } from '#core';
import { FLAG_SEVERITIES, FLAG_STATUSES, type FlagSeverity, type FlagStatus } from '../entities/concern-flag.entity.js';

export class FlagListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FLAG_STATUSES, enumName: 'FlagStatus', isArray: true, description: 'Repeat for any of; every status when absent' })
  @IsOptional()
  @ToArray()
  @IsIn(FLAG_STATUSES, { each: true })
  status?: FlagStatus[];

  @ApiPropertyOptional({ enum: FLAG_SEVERITIES, enumName: 'FlagSeverity', isArray: true, description: 'Repeat for any of; every severity when absent' })
  @IsOptional()
  @ToArray()
  @IsIn(FLAG_SEVERITIES, { each: true })
  severity?: FlagSeverity[];

  @ApiPropertyOptional({ format: 'uuid', description: "Only this student's flags" })
  @IsOptional()
  @IsUUID()
  studentId?: string;
}
