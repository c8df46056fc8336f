import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsOmittable, Trim, VersionedUpdateDto } from '#core';
import { GENDERS, type Gender, STUDENT_STATUSES, type StudentStatus } from '../../entities/student.entity.js';
import { PERSON_NAME_MAX_LENGTH } from '../rules/student-fields.js';
import { IsDateOfBirth } from './field-decorators.js';

/** The fields people may change; the student number is the import key and stays as issued. */
export class UpdateStudentDto extends VersionedUpdateDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: PERSON_NAME_MAX_LENGTH })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, PERSON_NAME_MAX_LENGTH)
  name?: string;

  @ApiPropertyOptional({ enum: GENDERS, enumName: 'Gender' })
  @IsOmittable()
  @IsIn(GENDERS)
  gender?: Gender;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'Not in the future; null clears it' })
  @IsOptional()
  @IsDateOfBirth()
  dateOfBirth?: string | null;

  @ApiPropertyOptional({ format: 'uuid', description: 'Moves the student to another class of the school' })
  @IsOmittable()
  @IsUUID()
  classId?: string;

  @ApiPropertyOptional({ enum: STUDENT_STATUSES, enumName: 'StudentStatus' })
  @IsOmittable()
  @IsIn(STUDENT_STATUSES)
  status?: StudentStatus;
}

export type StudentChanges = Omit<UpdateStudentDto, 'version'>;
