import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQuery, ToArray, Trim } from '#core';
import { STUDENT_STATUSES, type StudentStatus } from '../../entities/student.entity.js';

export class ListStudentsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only students of this class' })
  @IsOptional()
  @IsUUID()
  classId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only students of this grade' })
  @IsOptional()
  @IsUUID()
  gradeId?: string;

  @ApiPropertyOptional({ enum: STUDENT_STATUSES, enumName: 'StudentStatus', isArray: true, maxItems: STUDENT_STATUSES.length, description: 'Repeat for "any of"' })
  @IsOptional()
  @ToArray()
  @ArrayMaxSize(STUDENT_STATUSES.length)
  @IsIn(STUDENT_STATUSES, { each: true })
  status?: StudentStatus[];

  @ApiPropertyOptional({ minLength: 1, maxLength: 50, description: 'Start of the name or of the student number' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 50)
  q?: string;
}
