import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { IsOmittable, Trim, VersionedUpdateDto } from '#core';
import { IsCalendarDate } from '../calendar/calendar.dtos.js';
import { DUTY_SHIFTS, type DutyShiftKind } from './duty-shift-hours.js';

const PHONE = /^[0-9+\-() ]{3,40}$/;

export class CreateDutyShiftDto {
  @ApiProperty({ example: '2027-01-20', description: 'The day of the shift, in the school zone' })
  @IsCalendarDate()
  dutyDate: string;

  @ApiProperty({ enum: DUTY_SHIFTS, description: 'day 08:00-20:00, night 20:00-08:00 the next morning (school zone)' })
  @IsIn(DUTY_SHIFTS)
  shift: DutyShiftKind;

  @ApiProperty({ description: 'An active staff member whose role can acknowledge alerts' })
  @IsUUID()
  officerId: string;

  @ApiProperty({ example: '138-0000-0000' })
  @Matches(PHONE, { message: 'must be a phone number' })
  phone: string;

  @ApiPropertyOptional({ description: 'Encrypted at rest' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 4000)
  handoverNotes?: string | null;
}

export class UpdateDutyShiftDto extends VersionedUpdateDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsUUID()
  officerId?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @Matches(PHONE, { message: 'must be a phone number' })
  phone?: string;

  @ApiPropertyOptional({ nullable: true, description: 'null clears them' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 4000)
  handoverNotes?: string | null;
}

export class DutyRosterQuery {
  @ApiProperty({ example: '2027-01-16' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ example: '2027-02-20', description: 'Inclusive; at most 366 days after from' })
  @IsCalendarDate()
  to: string;

  @ApiPropertyOptional({ description: "Only the caller's own shifts" })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  mine?: boolean;
}

export class DutyRosterGapsQuery {
  @ApiProperty()
  @IsUUID()
  holidayId: string;
}

export interface DutyShiftView {
  id: string;
  dutyDate: string;
  shift: DutyShiftKind;
  officerId: string;
  officerName: string;
  phone: string;
  startsAt: Date;
  endsAt: Date;
  lastConfirmedReachableAt: Date | null;
  /** Administrators and the people who stand duty read them; null for others. */
  handoverNotes: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface DutyRosterGap {
  date: string;
  shift: DutyShiftKind;
}
