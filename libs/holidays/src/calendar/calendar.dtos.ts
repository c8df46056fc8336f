import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsOmittable, type IsoDate, PageQuery, Trim, type Uuid, VersionedUpdateDto } from '#core';
import { HOLIDAY_KINDS, type HolidayKind } from '../entities/school-holiday.entity.js';

/** A calendar date that exists (`2027-02-30` is refused), written `YYYY-MM-DD`. */
export const IsCalendarDate = (): PropertyDecorator => (target, key) => {
  Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date written YYYY-MM-DD' })(target, key);
  IsISO8601({ strict: true }, { message: 'must be a date written YYYY-MM-DD' })(target, key);
};

export class CreateTermDto {
  @ApiProperty({ example: '2026-2027学年第一学期', minLength: 1, maxLength: 100 })
  @Trim()
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ format: 'date', example: '2026-09-01', description: 'First day, in the school zone' })
  @IsCalendarDate()
  startsOn: string;

  @ApiProperty({ format: 'date', example: '2027-01-15', description: 'Last day (inclusive), in the school zone; not before startsOn' })
  @IsCalendarDate()
  endsOn: string;
}

export class UpdateTermDto extends VersionedUpdateDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100 })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ format: 'date', description: 'First day, in the school zone' })
  @IsOmittable()
  @IsCalendarDate()
  startsOn?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day (inclusive), in the school zone; not before startsOn' })
  @IsOmittable()
  @IsCalendarDate()
  endsOn?: string;
}

export class CreateHolidayDto extends CreateTermDto {
  @ApiProperty({ enum: HOLIDAY_KINDS, enumName: 'HolidayKind' })
  @IsIn(HOLIDAY_KINDS)
  kind: HolidayKind;
}

export class UpdateHolidayDto extends UpdateTermDto {
  @ApiPropertyOptional({ enum: HOLIDAY_KINDS, enumName: 'HolidayKind' })
  @IsOmittable()
  @IsIn(HOLIDAY_KINDS)
  kind?: HolidayKind;
}

export class UpdateWindowSettingsDto extends VersionedUpdateDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 90, description: 'Days before a holiday; 0 keeps no such window' })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(90)
  preHolidayDays?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 90, description: 'Last days of a holiday before school restarts' })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(90)
  preReturnDays?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 90, description: 'First days after school restarts' })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(90)
  postReturnDays?: number;
}

export class CalendarListQuery extends PageQuery {}

export class WindowsQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'The windows active at this instant (default now); not with from/to' })
  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'With `to`: every window sharing an instant with [from, to)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'With `from`: the end of the range (excluded), after from and at most 800 days later' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export interface TermView {
  id: Uuid;
  name: string;
  startsOn: IsoDate;
  /** Inclusive. */
  endsOn: IsoDate;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface HolidayView extends TermView {
  kind: HolidayKind;
}

export interface WindowSettingsView {
  preHolidayDays: number;
  preReturnDays: number;
  postReturnDays: number;
  /** 1 until the school first changes the defaults. */
  version: number;
}
