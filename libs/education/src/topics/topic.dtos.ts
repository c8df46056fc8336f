import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsOmittable, PageQuery, Trim, type Uuid, VersionedUpdateDto } from '#core';

export class TopicListQuery extends PageQuery {}

export class CreateTopicDto {
  @ApiProperty({ example: 'campus_safety', pattern: '^[a-z][a-z0-9_]{1,49}$', description: 'snake_case, unique among the topics the school sees; cannot be changed later' })
  @Matches(/^[a-z][a-z0-9_]{1,49}$/, { message: 'code must be 2-50 characters of a-z, 0-9 and _, starting with a letter' })
  code: string;

  @ApiProperty({ example: '校园安全', minLength: 1, maxLength: 100 })
  @Trim()
  @IsString()
  @Length(1, 100)
  nameZh: string;

  @ApiProperty({ example: 'Campus safety', minLength: 1, maxLength: 100 })
  @Trim()
  @IsString()
  @Length(1, 100)
  nameEn: string;

  @ApiPropertyOptional({ default: false, description: 'Every class must be taught it before each holiday' })
  @IsOptional()
  @IsBoolean()
  requiredBeforeHoliday?: boolean;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 10_000, default: 100, description: 'Position in coverage (system topics use 10-80)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  sortOrder?: number;
}

export class UpdateTopicDto extends VersionedUpdateDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100 })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, 100)
  nameZh?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 100 })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, 100)
  nameEn?: string;

  @ApiPropertyOptional({ description: 'Every class must be taught it before each holiday' })
  @IsOmittable()
  @IsBoolean()
  requiredBeforeHoliday?: boolean;

  @ApiPropertyOptional({ description: 'false retires the topic: no new activities, not counted in coverage' })
  @IsOmittable()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 10_000, description: 'Position in coverage' })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(10_000)
  sortOrder?: number;
}

export interface TopicView {
  id: Uuid;
  code: string;
  nameZh: string;
  nameEn: string;
  requiredBeforeHoliday: boolean;
  active: boolean;
  sortOrder: number;
  /** Shared by every school and read-only. */
  system: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}
