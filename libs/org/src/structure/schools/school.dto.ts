import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsOmittable, Trim, type Uuid, VersionedUpdateDto } from '#core';
import { IsIanaTimeZone } from './is-time-zone.js';

export class UpdateSchoolDto extends VersionedUpdateDto {
  @ApiPropertyOptional({ example: '第一中学', minLength: 1, maxLength: 100 })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ example: 'Asia/Shanghai', description: 'IANA time zone the school reads calendar dates in' })
  @IsOmittable()
  @IsIanaTimeZone()
  timezone?: string;
}

export interface SchoolView {
  id: Uuid;
  name: string;
  /** The short code the school was registered with; it never changes. */
  code: string;
  /** IANA time zone, e.g. `Asia/Shanghai`. */
  timezone: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}
