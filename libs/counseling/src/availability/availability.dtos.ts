import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { PageQuery, Trim, type Uuid } from '#core';
import { EXCEPTION_KINDS, type ExceptionKind } from '../entities/availability-exception.entity.js';
import { SESSION_MODES, type SessionMode } from './availability.js';

const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const PLACE_MAX_LENGTH = 200;

export class CreateAvailabilityRuleDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 7, description: 'ISO weekday: 1 Monday ... 7 Sunday' })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday: number;

  @ApiProperty({ example: '09:00', pattern: TIME_OF_DAY.source, description: 'Local time of the school, HH:MM' })
  @Matches(TIME_OF_DAY, { message: 'must be a time of day, HH:MM' })
  startTime: string;

  @ApiProperty({ example: '12:00', pattern: TIME_OF_DAY.source, description: 'Local time of the school, HH:MM, after startTime; 24:00 is the end of the day' })
  @Matches(TIME_OF_DAY, { message: 'must be a time of day, HH:MM' })
  endTime: string;

  @ApiProperty({ enum: SESSION_MODES, enumName: 'SessionMode' })
  @IsIn(SESSION_MODES)
  mode: SessionMode;

  @ApiPropertyOptional({ minLength: 1, maxLength: PLACE_MAX_LENGTH, example: '心理咨询室 201', description: 'The room, or where calls are taken' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, PLACE_MAX_LENGTH)
  place?: string;
}

export class CreateAvailabilityExceptionDto {
  @ApiProperty({ enum: EXCEPTION_KINDS, enumName: 'ExceptionKind', description: '`leave`: not available; `extra`: available beyond the weekly rules' })
  @IsIn(EXCEPTION_KINDS)
  kind: ExceptionKind;

  @ApiProperty({ format: 'date-time', description: 'ISO 8601 with offset' })
  @IsDateString({ strict: true })
  startsAt: string;

  @ApiProperty({ format: 'date-time', description: 'ISO 8601 with offset, after startsAt (at most 184 days)' })
  @IsDateString({ strict: true })
  endsAt: string;

  @ApiPropertyOptional({ enum: SESSION_MODES, enumName: 'SessionMode', description: 'Required for extra hours; not for leave' })
  @ValidateIf((dto: CreateAvailabilityExceptionDto) => dto.kind === 'extra' || dto.mode !== undefined)
  @IsIn(SESSION_MODES)
  mode?: SessionMode;

  @ApiPropertyOptional({ minLength: 1, maxLength: PLACE_MAX_LENGTH, description: 'Extra hours only' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, PLACE_MAX_LENGTH)
  place?: string;
}

export class ExceptionListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'Only exceptions ending after this instant (ISO 8601)' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;
}

/** One weekly window of a counselor's availability, in the school's local time. */
export interface AvailabilityRuleView {
  id: Uuid;
  counselorId: Uuid;
  /** ISO weekday: 1 Monday ... 7 Sunday. */
  weekday: number;
  /** HH:MM. */
  startTime: string;
  /** HH:MM; 24:00 is the end of the day. */
  endTime: string;
  mode: SessionMode;
  place: string | null;
  createdAt: Date;
}

/** Leave away from the weekly rules, or extra hours beyond them. */
export interface AvailabilityExceptionView {
  id: Uuid;
  counselorId: Uuid;
  kind: ExceptionKind;
  startsAt: Date;
  endsAt: Date;
  mode: SessionMode | null;
  place: string | null;
  createdAt: Date;
}

export const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
export const timeOf = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
