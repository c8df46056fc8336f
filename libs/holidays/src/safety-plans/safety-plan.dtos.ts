import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { PageQuery, Trim, type Uuid, VersionedUpdateDto } from '#core';

export const PLAN_MAX_LENGTH = 10_000;

const PLAN_DOC = {
  description: 'Who watches over the student, warning signs, whom to call; encrypted at rest',
  minLength: 1,
  maxLength: PLAN_MAX_LENGTH,
  pattern: '\\S',
};

export class RecordSafetyPlanDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  studentId: string;

  @ApiProperty(PLAN_DOC)
  @Trim()
  @IsString()
  @Length(1, PLAN_MAX_LENGTH)
  @Matches(/\S/, { message: 'plan must not be blank' })
  plan: string;
}

/** The revised plan, with the version it is based on (body or `If-Match`). */
export class ReviseSafetyPlanDto extends VersionedUpdateDto {
  @ApiProperty(PLAN_DOC)
  @Trim()
  @IsString()
  @Length(1, PLAN_MAX_LENGTH)
  @Matches(/\S/, { message: 'plan must not be blank' })
  plan: string;
}

export class SafetyPlanListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  studentId?: string;
}

/** A plan in a list: which students have one, never the text. */
export interface SafetyPlanSummary {
  id: Uuid;
  holidayId: Uuid;
  studentId: Uuid;
  studentName: string;
  className: string;
  /** The counselor who recorded it. */
  recordedBy: Uuid;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface SafetyPlanView extends SafetyPlanSummary {
  plan: string;
}
