import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery, ToArray } from '#core';
import { FLAG_SEVERITIES, FLAG_STATUSES, type FlagSeverity, type FlagStatus } from '../entities/concern-flag.entity.js';

export class FlagListQuery extends PageQuery {
  @IsOptional()
  @ToArray()
  @IsIn(FLAG_STATUSES, { each: true })
  status?: FlagStatus[];

  @IsOptional()
  @ToArray()
  @IsIn(FLAG_SEVERITIES, { each: true })
  severity?: FlagSeverity[];

  @IsOptional()
  @IsUUID()
  studentId?: string;
}
