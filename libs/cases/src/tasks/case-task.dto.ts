import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsOmittable, PageQuery, ToArray, Trim, type Uuid, VersionedUpdateDto } from '#core';
import { TASK_STATUSES, type TaskStatus } from '../entities/case-task.entity.js';
import type { CaseTaskRow } from './case-task.repository.js';

export class CreateCaseTaskDto {
  @ApiProperty({ description: 'What is to be done (encrypted at rest)', minLength: 1, maxLength: 500, example: '周五前与家长电话沟通近期情况' })
  @Trim()
  @IsString()
  @Length(1, 500)
  title: string;

  @ApiProperty({ format: 'uuid', description: 'An active counselor on the case team' })
  @IsUUID()
  assigneeId: string;

  @ApiProperty({ format: 'date-time', description: 'ISO 8601 with offset' })
  @IsDateString({ strict: true })
  dueAt: string;
}

export class UpdateCaseTaskDto extends VersionedUpdateDto {
  @ApiPropertyOptional({ description: 'Encrypted at rest', minLength: 1, maxLength: 500 })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, 500)
  title?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'An active counselor on the case team' })
  @IsOmittable()
  @IsUUID()
  assigneeId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'ISO 8601 with offset' })
  @IsOmittable()
  @IsDateString({ strict: true })
  dueAt?: string;

  @ApiPropertyOptional({ enum: TASK_STATUSES, enumName: 'TaskStatus', description: '`done` records when; moving away from `done` clears it' })
  @IsOmittable()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;
}

export class CaseTaskListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TASK_STATUSES, enumName: 'TaskStatus', isArray: true, description: 'Repeat for any of' })
  @IsOptional()
  @ToArray()
  @IsIn(TASK_STATUSES, { each: true })
  status?: TaskStatus[];
}

export const MY_TASK_WINDOWS = ['overdue', 'this_week'] as const;
export type MyTaskWindow = (typeof MY_TASK_WINDOWS)[number];

export class MyTaskListQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: MY_TASK_WINDOWS,
    enumName: 'MyTaskWindow',
    description: '`overdue`: due before now; `this_week`: due from now to the end of the week (Monday-based, in the school time zone). Omitted: every open task',
  })
  @IsOptional()
  @IsIn(MY_TASK_WINDOWS)
  due?: MyTaskWindow;
}

/** A task as its readers see it: the stored row with `title` decrypted. */
export interface CaseTaskView extends CaseTaskRow {
  title: string;
}

/** One line of a counselor's to-do list across their cases. */
export interface MyTaskView {
  id: Uuid;
  caseId: Uuid;
  studentId: Uuid;
  studentName: string;
  title: string;
  dueAt: Date;
  status: TaskStatus;
  version: number;
}
