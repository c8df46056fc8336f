import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { PageQuery, Trim } from '#core';
import { EXCEPTION_KINDS, type ExceptionKind } from '../entities/availability-exception.entity.js';
import { SESSION_MODES, type SessionMode } from './availability.js';

const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export class CreateAvailabilityRuleDto {
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday: 1 Monday ... 7 Sunday' })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday: number;

  @ApiProperty({ example: '09:00', description: 'Local time of the school' })
  @Matches(TIME_OF_DAY, { message: 'must be a time of day, HH:MM' })
  startTime: string;

  @ApiProperty({ example: '12:00', description: 'Local time of the school; 24:00 is the end of the day' })
  @Matches(TIME_OF_DAY, { message: 'must be a time of day, HH:MM' })
  endTime: string;

  @ApiProperty({ enum: SESSION_MODES })
  @IsIn(SESSION_MODES)
  mode: SessionMode;

  @ApiPropertyOptional({ example: '心理咨询室 201', description: 'The room, or where calls are taken' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  place?: string;
}

export class CreateAvailabilityExceptionDto {
  @ApiProperty({ enum: EXCEPTION_KINDS, description: '`leave`: not available; `extra`: available beyond the weekly rules' })
  @IsIn(EXCEPTION_KINDS)
  kind: ExceptionKind;

  @ApiProperty({ description: 'ISO 8601 with offset' })
  @IsDateString({ strict: true })
  startsAt: string;

  @ApiProperty({ description: 'ISO 8601 with offset, after startsAt' })
  @IsDateString({ strict: true })
  endsAt: string;

  @ApiPropertyOptional({ enum: SESSION_MODES, description: 'Required for extra hours; not for leave' })
  @ValidateIf((dto: CreateAvailabilityExceptionDto) => dto.kind === 'extra' || dto.mode !== undefined)
  @IsIn(SESSION_MODES)
  mode?: SessionMode;

  @ApiPropertyOptional({ description: 'Extra hours only' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  place?: string;
}

export class ExceptionListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only exceptions ending after this instant (ISO 8601)' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;
}

export interface AvailabilityRuleView {
  id: string;
  counselorId: string;
  weekday: number;
  startTime: string;
  endTime: string;
  mode: SessionMode;
  place: string | null;
  createdAt: Date;
}

export interface AvailabilityExceptionView {
  id: string;
  counselorId: string;
  kind: ExceptionKind;
  startsAt: Date;
  endsAt: Date;
  mode: SessionMode | null;
  place: string | null;
  createdAt: Date;
}

export const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
export const timeOf = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
