import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { Trim, VersionedUpdateDto } from '#core';
import type { HelpResource } from '../help-resources.js';

/** One place or line a student can turn to, in both languages (the page shows one of them). */
export class HelpResourceDto {
  @ApiProperty({ example: '学校心理辅导中心', minLength: 1, maxLength: 100 })
  @Trim()
  @IsString()
  @Length(1, 100)
  nameZh: string;

  @ApiProperty({ example: 'School counseling centre', minLength: 1, maxLength: 100 })
  @Trim()
  @IsString()
  @Length(1, 100)
  nameEn: string;

  @ApiProperty({ example: '0571-8888 1234, 行政楼 201', maxLength: 200, description: 'A phone number, room or address; may be empty' })
  @IsString()
  @Length(0, 200)
  contact: string;

  @ApiPropertyOptional({ example: '周一至周五 8:00-17:00', minLength: 1, maxLength: 300 })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 300)
  noteZh?: string;

  @ApiPropertyOptional({ example: 'Weekdays 8:00-17:00', minLength: 1, maxLength: 300 })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 300)
  noteEn?: string;
}

/** The whole list, in the order the page shows it; an empty list brings back the general help lines. */
export class ReplaceHelpResourcesDto extends VersionedUpdateDto {
  @ApiProperty({ type: () => HelpResourceDto, isArray: true, maxItems: 20, description: 'In the order the page shows them; empty: the general help lines' })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => HelpResourceDto)
  resources: HelpResourceDto[];
}

export interface HelpResourcesView {
  /** What the school saved; empty until it saves a list. */
  resources: HelpResource[];
  /** True while students see the general help lines instead (nothing saved, or an empty list). */
  showsGeneralHelp: boolean;
  /** 1 until the school first saves a list. */
  version: number;
}
