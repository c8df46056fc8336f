import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { PageQuery, Trim, VersionedUpdateDto } from '#core';

/** A confirmation, or a correction of the current one: both are based on the delivery's version. */
export class ConfirmDeliveryDto extends VersionedUpdateDto {
  @ApiProperty({ minimum: 0, description: 'Students present: at most the enrolled students of the class', example: 42 })
  @IsInt()
  @Min(0)
  @Max(10_000)
  presentCount: number;

  @ApiPropertyOptional({ type: [String], description: 'Enrolled students of the class who missed it: each then needs a catch-up' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  missedStudentIds?: string[];

  @ApiPropertyOptional({ example: '两名学生参加市运动会' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 500)
  note?: string;
}

export class ConfirmationListQuery extends PageQuery {}

export interface MissedStudentView {
  id: string;
  name: string;
  studentNumber: string;
}

export interface ConfirmationView {
  id: string;
  deliveryId: string;
  /** 1 for the confirmation, 2 and up for corrections. */
  revision: number;
  /** Whether this is the latest revision, the one coverage and catch-ups follow. */
  current: boolean;
  presentCount: number;
  classSize: number;
  missedStudents: MissedStudentView[];
  note: string | null;
  confirmedBy: string;
  confirmedAt: Date;
}

export interface DeliveryView {
  id: string;
  activityId: string;
  activityTitle: string;
  classId: string;
  className: string;
  gradeName: string;
  startsAt: Date;
  status: string;
  /** The version the next confirmation or correction must be based on. */
  version: number;
  confirmation: ConfirmationView | null;
}
