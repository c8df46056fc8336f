import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQuery, ToArray, Trim, type Uuid, VersionedUpdateDto } from '#core';
import { IsPhoneNumber } from '#org';
import { WHEREABOUTS, type Whereabouts } from '../entities/holiday-category.entity.js';

export const FREE_TEXT_MAX_LENGTH = 200;

const toBoolean = () => Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

/**
 * The whole registration (PUT replaces it). Without a version it registers the student for the
 * first time; to change a registration send the version it is based on (body or `If-Match`).
 */
export class PutHolidayCategoryDto extends VersionedUpdateDto {
  @ApiProperty({ enum: WHEREABOUTS, enumName: 'Whereabouts' })
  @IsIn(WHEREABOUTS)
  whereabouts: Whereabouts;

  @ApiPropertyOptional({ type: 'string', nullable: true, description: 'Required for an internship, and only then; encrypted at rest', minLength: 1, maxLength: FREE_TEXT_MAX_LENGTH })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, FREE_TEXT_MAX_LENGTH)
  employer?: string | null;

  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    description: 'Where the internship is: required for an internship, and only then; encrypted at rest',
    minLength: 1,
    maxLength: FREE_TEXT_MAX_LENGTH,
  })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, FREE_TEXT_MAX_LENGTH)
  place?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, description: 'Required for other, and only then; encrypted at rest', minLength: 1, maxLength: FREE_TEXT_MAX_LENGTH })
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
  @ApiPropertyOptional({ format: 'uuid', description: "Students of this class (the student's current class)" })
  @IsOptional()
  @IsUUID()
  classId?: string;

  @ApiPropertyOptional({ enum: WHEREABOUTS, enumName: 'Whereabouts', isArray: true, description: 'Repeat for any of' })
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
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  classId: string;
}

export class OnSiteQuery extends PageQuery {}

export interface HolidayCategoryView {
  id: Uuid;
  holidayId: Uuid;
  studentId: Uuid;
  studentName: string;
  studentNumber: string;
  classId: Uuid;
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
  studentId: Uuid;
  studentName: string;
  studentNumber: string;
  classId: Uuid;
  className: string;
}

/** What a duty officer needs to reach a student who stays on campus or is on an internship. */
export interface OnSiteStudentView {
  studentId: Uuid;
  studentName: string;
  className: string;
  whereabouts: 'on_campus' | 'internship';
  employer: string | null;
  place: string | null;
  contactPhone: string;
  guardianConfirmed: boolean;
}
