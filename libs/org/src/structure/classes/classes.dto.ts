import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsOmittable, PageQuery, ToArray, Trim, type Uuid, VersionedUpdateDto } from '#core';

export class ListClassesQuery extends PageQuery {
  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 50, description: 'Only classes of these grades (repeat for any of)' })
  @IsOptional()
  @ToArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  gradeId?: string[];
}

export class CreateClassDto {
  @ApiProperty({ format: 'uuid', description: 'A grade of your school' })
  @IsUUID()
  gradeId: string;

  @ApiProperty({ example: '3班', minLength: 1, maxLength: 50 })
  @Trim()
  @IsString()
  @Length(1, 50)
  name: string;
}

export class UpdateClassDto extends VersionedUpdateDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Moves the class to another grade of the school' })
  @IsOmittable()
  @IsUUID()
  gradeId?: string;

  @ApiPropertyOptional({ example: '3班', minLength: 1, maxLength: 50 })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, 50)
  name?: string;
}

export interface ClassTeacherView {
  userId: Uuid;
  displayName: string;
}

export interface ClassView {
  id: Uuid;
  gradeId: Uuid;
  gradeName: string;
  name: string;
  /** Who teaches the class now (current assignments). */
  teachers: ClassTeacherView[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}
