import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsOmittable, Trim, VersionedUpdateDto } from '#core';
import { IsIanaTimeZone } from './is-time-zone.js';

export class UpdateSchoolDto extends VersionedUpdateDto {
  @ApiPropertyOptional({ example: '第一中学' })
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
  id: string;
  name: string;
  code: string;
  timezone: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}
