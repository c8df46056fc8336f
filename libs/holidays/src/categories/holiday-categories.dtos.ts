import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQuery, ToArray, Trim, VersionedUpdateDto } from '#core';
import { IsPhoneNumber } from '#org';
import { WHEREABOUTS, type Whereabouts } from '../entities/holiday-category.entity.js';

export const FREE_TEXT_MAX_LENGTH = 200;

const toBoolean = () => Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

/**
 * The whole registration (PUT replaces it). Without a version it registers the student for the
 * first time; to change a registration send the version it is based on (body or `If-Match`).
 */
export class PutHolidayCategoryDto extends VersionedUpdateDto {
  @ApiProperty({ enum: WHEREABOUTS })
  @IsIn(WHEREABOUTS)
  whereabouts: Whereabouts;

  @ApiPropertyOptional({ description: 'Required for an internship, and only then; encrypted at rest', maxLength: FREE_TEXT_MAX_LENGTH })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, FREE_TEXT_MAX_LENGTH)
  employer?: string | null;

  @ApiPropertyOptional({ description: 'Where the internship is: required for an internship, and only then; encrypted at rest', maxLength: FREE_TEXT_MAX_LENGTH })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, FREE_TEXT_MAX_LENGTH)
  place?: string | null;

  @ApiPropertyOptional({ description: 'Required for other, and only then; encrypted at rest', maxLength: FREE_TEXT_MAX_LENGTH })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, FREE_TEXT_MAX_LENGTH)
  description?: string | null;

  @ApiPropertyOptional({ default: false, description: "Whether the student's family was hit by a disaster" })
  @IsOptional()
  @IsBoolean()
  disasterAffected?: boolean;

  @ApiProperty({ example: '13812345678', description: 'Mainland mobile or landline, or an international number with +' })
  @IsString()
  @IsPhoneNumber()
  contactPhone: string;

  @ApiPropertyOptional({ default: false, description: 'The guardian confirmed the contact phone' })
  @IsOptional()
  @IsBoolean()
  guardianConfirmed?: boolean;
}

export class HolidayCategoryListQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  classId?: string;

  @ApiPropertyOptional({ enum: WHEREABOUTS, isArray: true })
  @IsOptional()
  @ToArray()
  @IsIn(WHEREABOUTS, { each: true })
  whereabouts?: Whereabouts[];

  @ApiPropertyOptional({ description: 'Counselors: only students whose risk is high or critical' })
  @IsOptional()
  @toBoolean()
  @IsBoolean()
  atRisk?: boolean;
}

export class UnregisteredQuery extends PageQuery {
  @ApiProperty()
  @IsUUID()
  classId: string;
}

export class OnSiteQuery extends PageQuery {}

export interface HolidayCategoryView {
  id: string;
  holidayId: string;
  studentId: string;
  studentName: string;
  studentNumber: string;
  classId: string;
  className: string;
  whereabouts: Whereabouts;
  employer: string | null;
  place: string | null;
  description: string | null;
  disasterAffected: boolean;
  contactPhone: string;
  guardianConfirmed: boolean;
  guardianConfirmedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface UnregisteredStudentView {
  studentId: string;
  studentName: string;
  studentNumber: string;
  classId: string;
  className: string;
}

/** What a duty officer needs to reach a student who stays on campus or is on an internship. */
export interface OnSiteStudentView {
  studentId: string;
  studentName: string;
  className: string;
  whereabouts: 'on_campus' | 'internship';
  employer: string | null;
  place: string | null;
  contactPhone: string;
  guardianConfirmed: boolean;
}
