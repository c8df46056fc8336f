import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '#core';

export class PendingStudentsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this class' })
  @IsOptional()
  @IsUUID()
  classId?: string;
}
