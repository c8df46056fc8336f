import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery, ToArray } from '#core';
import { CATCH_UP_STATUSES, type CatchUpStatus } from '../entities/index.js';

export class CatchUpListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CATCH_UP_STATUSES, isArray: true, description: 'Repeat for any of; `needed` when absent' })
  @IsOptional()
  @ToArray()
  @IsIn(CATCH_UP_STATUSES, { each: true })
  status?: CatchUpStatus[];

  @ApiPropertyOptional({ format: 'uuid', description: "Students of this class (the student's current class)" })
  @IsOptional()
  @IsUUID()
  classId?: string;
}

export interface CatchUpView {
  id: string;
  status: CatchUpStatus;
  student: { id: string; name: string; studentNumber: string; classId: string; className: string };
  activity: { id: string; title: string; kind: string; startsAt: Date; topicCodes: string[] };
  deliveryId: string;
  createdAt: Date;
  completedAt: Date | null;
  completedBy: string | null;
}
