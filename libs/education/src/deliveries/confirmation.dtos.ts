import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { PageQuery, Trim, type Uuid, VersionedUpdateDto } from '#core';
import type { DeliveryStatus } from '../entities/index.js';

/** A confirmation, or a correction of the current one: both are based on the delivery's version. */
export class ConfirmDeliveryDto extends VersionedUpdateDto {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10_000, description: 'Students present: at most the enrolled students of the class', example: 42 })
  @IsInt()
  @Min(0)
  @Max(10_000)
  presentCount: number;

  @ApiPropertyOptional({
    type: 'string',
    format: 'uuid',
    isArray: true,
    maxItems: 500,
    uniqueItems: true,
    description: 'Enrolled students of the class who missed it: each then needs a catch-up',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  missedStudentIds?: string[];

  @ApiPropertyOptional({ minLength: 1, maxLength: 500, example: '两名学生参加市运动会' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 500)
  note?: string;
}

export class ConfirmationListQuery extends PageQuery {}

export interface MissedStudentView {
  id: Uuid;
  name: string;
  studentNumber: string;
}

export interface DeliveryConfirmationView {
  id: Uuid;
  deliveryId: Uuid;
  /** 1 for the confirmation, 2 and up for corrections. */
  revision: number;
  /** Whether this is the latest revision, the one coverage and catch-ups follow. */
  current: boolean;
  presentCount: number;
  classSize: number;
  missedStudents: MissedStudentView[];
  note: string | null;
  confirmedBy: Uuid;
  confirmedAt: Date;
}

export interface DeliveryView {
  id: Uuid;
  activityId: Uuid;
  activityTitle: string;
  classId: Uuid;
  className: string;
  gradeName: string;
  startsAt: Date;
  status: DeliveryStatus;
  /** The version the next confirmation or correction must be based on. */
  version: number;
  confirmation: DeliveryConfirmationView | null;
}
