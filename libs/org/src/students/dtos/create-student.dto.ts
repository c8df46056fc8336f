import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { Trim } from '#core';
import { GENDERS, type Gender, STUDENT_STATUSES, type StudentStatus } from '../../entities/student.entity.js';
import { PERSON_NAME_MAX_LENGTH, STUDENT_NUMBER_PATTERN, STUDENT_NUMBER_RULE } from '../rules/student-fields.js';
import { IsDateOfBirth } from './field-decorators.js';

export class CreateStudentDto {
  @ApiProperty({ example: '20260101', pattern: STUDENT_NUMBER_PATTERN.source, description: 'Unique within the school; the key of the CSV import' })
  @IsString()
  @Matches(STUDENT_NUMBER_PATTERN, { message: STUDENT_NUMBER_RULE })
  studentNumber: string;

  @ApiProperty({ example: '张小明', minLength: 1, maxLength: PERSON_NAME_MAX_LENGTH })
  @Trim()
  @IsString()
  @Length(1, PERSON_NAME_MAX_LENGTH)
  name: string;

  @ApiPropertyOptional({ enum: GENDERS, enumName: 'Gender', default: 'unspecified' })
  @IsOptional()
  @IsIn(GENDERS)
  gender?: Gender;

  @ApiPropertyOptional({ example: '2010-03-05', format: 'date', description: 'Not in the future' })
  @IsOptional()
  @IsDateOfBirth()
  dateOfBirth?: string;

  @ApiProperty({ format: 'uuid', description: 'A class of your school' })
  @IsUUID()
  classId: string;

  @ApiPropertyOptional({ enum: STUDENT_STATUSES, enumName: 'StudentStatus', default: 'enrolled' })
  @IsOptional()
  @IsIn(STUDENT_STATUSES)
  status?: StudentStatus;
}
