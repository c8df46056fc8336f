import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsOmittable, PageQuery, ToArray, Trim, VersionedUpdateDto } from '#core';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES, type ActivityKind, type ActivityStatus } from '../entities/index.js';
import { IsCalendarDate } from '../shared/calendar-date.js';

const WEB_LINK = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

export class MaterialDto {
  @ApiPropertyOptional({ example: '防溺水课件 (PPT)', minLength: 1, maxLength: 200 })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiProperty({ format: 'uri', maxLength: 2000, description: 'An http or https link', example: 'https://jyj.example.gov.cn/safety/drowning.pptx' })
  @IsUrl(WEB_LINK)
  @MaxLength(2000)
  url: string;
}

/** Fields an activity is planned with and may be edited while planned. */
class ActivityFieldsDto {
  @ApiPropertyOptional({ type: 'string', nullable: true, minLength: 1, maxLength: 200, description: 'Where it takes place (a place or a link is required)', example: '高一1班教室' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  place?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, format: 'uri', maxLength: 2000, description: 'Link of an online session (http or https)', example: 'https://meeting.example.cn/j/123456' })
  @IsOptional()
  @IsUrl(WEB_LINK)
  @MaxLength(2000)
  link?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, format: 'uuid', description: 'A staff member who delivers it (or deliveredByName, not both)' })
  @IsOptional()
  @IsUUID()
  deliveredByUserId?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, minLength: 1, maxLength: 100, description: 'An outside speaker, by name', example: '消防救援大队 王警官' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  deliveredByName?: string | null;
}

export class PlanActivityDto extends ActivityFieldsDto {
  @ApiProperty({ enum: ACTIVITY_KINDS, enumName: 'ActivityKind' })
  @IsIn(ACTIVITY_KINDS)
  kind: ActivityKind;

  @ApiProperty({ example: '暑假前防溺水安全教育主题班会', minLength: 1, maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ type: 'string', format: 'uuid', isArray: true, minItems: 1, maxItems: 20, uniqueItems: true, description: 'Active topics the school sees' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  topicIds: string[];

  @ApiPropertyOptional({ type: 'string', format: 'uuid', isArray: true, maxItems: 500, uniqueItems: true, description: 'Target classes (a class teacher: only their own)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  classIds?: string[];

  @ApiPropertyOptional({ type: 'string', format: 'uuid', isArray: true, maxItems: 50, uniqueItems: true, description: 'Target grades: expanded to their classes now' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  gradeIds?: string[];

  @ApiProperty({ format: 'date-time', description: 'ISO 8601 with offset' })
  @IsDateString({ strict: true })
  startsAt: string;

  @ApiProperty({ format: 'date-time', description: 'ISO 8601 with offset, after startsAt' })
  @IsDateString({ strict: true })
  endsAt: string;

  @ApiPropertyOptional({ type: () => MaterialDto, isArray: true, maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => MaterialDto)
  materials?: MaterialDto[];
}

/** Targets are not editable: cancel and plan again to reach other classes. */
export class UpdateActivityDto extends IntersectionType(VersionedUpdateDto, ActivityFieldsDto) {
  @ApiPropertyOptional({ enum: ACTIVITY_KINDS, enumName: 'ActivityKind' })
  @IsOmittable()
  @IsIn(ACTIVITY_KINDS)
  kind?: ActivityKind;

  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ type: 'string', format: 'uuid', isArray: true, minItems: 1, maxItems: 20, uniqueItems: true, description: 'Replaces the topics: active topics the school sees' })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  topicIds?: string[];

  @ApiPropertyOptional({ format: 'date-time', description: 'ISO 8601 with offset; moves every delivery' })
  @IsOmittable()
  @IsDateString({ strict: true })
  startsAt?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'ISO 8601 with offset, after startsAt' })
  @IsOmittable()
  @IsDateString({ strict: true })
  endsAt?: string;

  @ApiPropertyOptional({ type: () => MaterialDto, isArray: true, maxItems: 20, description: 'Replaces the materials' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => MaterialDto)
  materials?: MaterialDto[];
}

export class CancelActivityDto extends VersionedUpdateDto {
  @ApiProperty({ example: '台风预警，改期进行', minLength: 1, maxLength: 500 })
  @Trim()
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class ActivityListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ACTIVITY_STATUSES, enumName: 'ActivityStatus', isArray: true, description: 'Repeat for any of' })
  @IsOptional()
  @ToArray()
  @IsIn(ACTIVITY_STATUSES, { each: true })
  status?: ActivityStatus[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Activities for this class' })
  @IsOptional()
  @IsUUID()
  classId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Activities on this topic' })
  @IsOptional()
  @IsUUID()
  topicId?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Starting on or after this day (YYYY-MM-DD, school time zone)' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Starting on or before this day (YYYY-MM-DD, school time zone)' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}
