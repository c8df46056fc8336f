import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { IsOmittable, type IsoDate, Trim, type Uuid, VersionedUpdateDto } from '#core';
import { IsCalendarDate } from '../calendar/calendar.dtos.js';
import { DUTY_SHIFTS, type DutyShiftKind } from './duty-shift-hours.js';

const PHONE = /^[0-9+\-() ]{3,40}$/;
const PHONE_DOC = { pattern: PHONE.source, example: '138-0000-0000', description: 'The number to call the officer on during the shift' };

export class CreateDutyShiftDto {
  @ApiProperty({ format: 'date', example: '2027-01-20', description: 'The day of the shift, in the school zone' })
  @IsCalendarDate()
  dutyDate: string;

  @ApiProperty({ enum: DUTY_SHIFTS, enumName: 'DutyShiftKind', description: 'day 08:00-20:00, night 20:00-08:00 the next morning (school zone)' })
  @IsIn(DUTY_SHIFTS)
  shift: DutyShiftKind;

  @ApiProperty({ format: 'uuid', description: 'An active staff member whose role can acknowledge alerts' })
  @IsUUID()
  officerId: string;

  @ApiProperty(PHONE_DOC)
  @Matches(PHONE, { message: 'must be a phone number' })
  phone: string;

  @ApiPropertyOptional({ type: 'string', nullable: true, minLength: 1, maxLength: 4000, description: 'Encrypted at rest; null or absent: none' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 4000)
  handoverNotes?: string | null;
}

export class UpdateDutyShiftDto extends VersionedUpdateDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'An active staff member whose role can acknowledge alerts' })
  @IsOmittable()
  @IsUUID()
  officerId?: string;

  @ApiPropertyOptional(PHONE_DOC)
  @IsOmittable()
  @Matches(PHONE, { message: 'must be a phone number' })
  phone?: string;

  @ApiPropertyOptional({ type: 'string', nullable: true, minLength: 1, maxLength: 4000, description: 'Encrypted at rest; null clears them' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 4000)
  handoverNotes?: string | null;
}

export class DutyRosterQuery {
  @ApiProperty({ format: 'date', example: '2027-01-16', description: 'First day (school zone)' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ format: 'date', example: '2027-02-20', description: 'Last day, inclusive; not before from and at most 366 days after it' })
  @IsCalendarDate()
  to: string;

  @ApiPropertyOptional({ description: "Only the caller's own shifts" })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  mine?: boolean;
}

export class DutyRosterGapsQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  holidayId: string;
}

export interface DutyShiftView {
  id: Uuid;
  dutyDate: IsoDate;
  shift: DutyShiftKind;
  officerId: Uuid;
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

/**
 * What a gap of the roster is: a day and shift with no officer; an officer who had not confirmed
 * their reachability check 24 hours before their first shift of the holiday; an officer with no
 * verified contact details on a channel this server sends on (at once, whenever their shift is).
 */
export const DUTY_ROSTER_GAP_KINDS = ['unfilled_shift', 'unconfirmed_officer', 'unreachable_officer'] as const;
export type DutyRosterGapKind = (typeof DUTY_ROSTER_GAP_KINDS)[number];

export interface DutyRosterGap {
  /** `unfilled_shift`: no officer; `unconfirmed_officer`: not confirmed 24 hours before their first shift; `unreachable_officer`: no verified channel. */
  kind: DutyRosterGapKind;
  /** The shift nobody covers, or the officer's first shift of the holiday. */
  date: IsoDate;
  shift: DutyShiftKind;
  /** The officer's first shift of the holiday; null for an unfilled shift. */
  shiftId: Uuid | null;
  officerId: Uuid | null;
  officerName: string | null;
  /** By when the officer should confirm (24 hours before their first shift); null for an unfilled shift. */
  confirmBy: Date | null;
}
