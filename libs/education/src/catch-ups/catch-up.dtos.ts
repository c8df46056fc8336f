import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery, ToArray, type Uuid } from '#core';
import { type ActivityKind, CATCH_UP_STATUSES, type CatchUpStatus } from '../entities/index.js';

export class CatchUpListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CATCH_UP_STATUSES, enumName: 'CatchUpStatus', isArray: true, description: 'Repeat for any of; `needed` when absent' })
  @IsOptional()
  @ToArray()
  @IsIn(CATCH_UP_STATUSES, { each: true })
  status?: CatchUpStatus[];

  @ApiPropertyOptional({ format: 'uuid', description: "Students of this class (the student's current class)" })
  @IsOptional()
  @IsUUID()
  classId?: string;
}

/** The student who needs catching up, in their current class. */
export interface CatchUpStudent {
  id: Uuid;
  name: string;
  studentNumber: string;
  classId: Uuid;
  className: string;
}

/** The activity the student missed. */
export interface CatchUpActivity {
  id: Uuid;
  title: string;
  kind: ActivityKind;
  startsAt: Date;
  /** Codes of its topics, in coverage order. */
  topicCodes: string[];
}

export interface CatchUpView {
  id: Uuid;
  status: CatchUpStatus;
  student: CatchUpStudent;
  activity: CatchUpActivity;
  deliveryId: Uuid;
  createdAt: Date;
  completedAt: Date | null;
  completedBy: Uuid | null;
}
