import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsOmittable, PageQuery, ToArray, Trim, VersionedUpdateDto } from '#core';

export class ListClassesQuery extends PageQuery {
  @ApiPropertyOptional({ type: [String], description: 'Only classes of these grades (repeat for any of)' })
  @IsOptional()
  @ToArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  gradeId?: string[];
}

export class CreateClassDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  gradeId: string;

  @ApiProperty({ example: '3班' })
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

  @ApiPropertyOptional({ example: '3班' })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, 50)
  name?: string;
}

export interface ClassTeacherView {
  userId: string;
  displayName: string;
}

export interface ClassView {
  id: string;
  gradeId: string;
  gradeName: string;
  name: string;
  /** Who teaches the class now (current assignments). */
  teachers: ClassTeacherView[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}
