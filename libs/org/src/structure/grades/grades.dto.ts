import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsOmittable, Trim, type Uuid, VersionedUpdateDto } from '#core';

const SORT_ORDER = { type: 'integer', minimum: 0, maximum: 10_000 } as const;

export class CreateGradeDto {
  @ApiProperty({ example: '高一', minLength: 1, maxLength: 50 })
  @Trim()
  @IsString()
  @Length(1, 50)
  name: string;

  @ApiPropertyOptional({ ...SORT_ORDER, default: 0, description: 'Grades are listed by sortOrder, then name' })
  @IsOptional()
  @IsInt()
  @Min(SORT_ORDER.minimum)
  @Max(SORT_ORDER.maximum)
  sortOrder?: number;
}

export class UpdateGradeDto extends VersionedUpdateDto {
  @ApiPropertyOptional({ example: '高二', minLength: 1, maxLength: 50 })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, 50)
  name?: string;

  @ApiPropertyOptional(SORT_ORDER)
  @IsOmittable()
  @IsInt()
  @Min(SORT_ORDER.minimum)
  @Max(SORT_ORDER.maximum)
  sortOrder?: number;
}

export interface GradeView {
  id: Uuid;
  name: string;
  sortOrder: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}
