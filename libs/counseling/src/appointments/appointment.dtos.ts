import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { INT4_MAX, IsVersion, PageQuery, ToArray, Trim } from '#core';
import { SESSION_MODES, type SessionMode } from '../availability/availability.js';
import { REQUEST_REASONS, type RequestReason } from '../entities/appointment.entity.js';
import { APPOINTMENT_STATUSES, type AppointmentStatus } from './appointment-status.js';

const PLACE_MAX_LENGTH = 200;
const REASON_MIN_LENGTH = 2;
const REASON_MAX_LENGTH = 2000;

class VersionedAction {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: INT4_MAX, description: 'The version the action is based on' })
  @IsVersion()
  version: number;
}

class SessionTimes {
  @ApiProperty({ format: 'date-time', description: 'ISO 8601 with offset; inside the counselor\'s availability' })
  @IsDateString({ strict: true })
  startsAt: string;

  @ApiProperty({ format: 'date-time', description: 'ISO 8601 with offset, after startsAt (at most 4 hours)' })
  @IsDateString({ strict: true })
  endsAt: string;

  @ApiPropertyOptional({ enum: SESSION_MODES, enumName: 'SessionMode', description: 'Default: the mode of the availability window' })
  @IsOptional()
  @IsIn(SESSION_MODES)
  mode?: SessionMode;

  @ApiPropertyOptional({ minLength: 1, maxLength: PLACE_MAX_LENGTH, description: 'Default: the place of the availability window' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, PLACE_MAX_LENGTH)
  place?: string;
}

export class BookAppointmentDto extends SessionTimes {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  studentId: string;
}

export class RequestAppointmentDto {
  @ApiProperty({ format: 'uuid', description: 'A student of one of your current classes' })
  @IsUUID()
  studentId: string;

  @ApiProperty({ format: 'date-time', description: 'Start of the time that would suit (ISO 8601)' })
  @IsDateString({ strict: true })
  preferredFrom: string;

  @ApiProperty({ format: 'date-time', description: 'End of the time that would suit (ISO 8601), in the future' })
  @IsDateString({ strict: true })
  preferredTo: string;

  @ApiProperty({ enum: REQUEST_REASONS, enumName: 'RequestReason', description: 'A category only: what was observed belongs in a concern flag' })
  @IsIn(REQUEST_REASONS)
  reasonCategory: RequestReason;

  @ApiPropertyOptional({ format: 'uuid', description: 'A counselor to ask; default: any counselor of the school' })
  @IsOptional()
  @IsUUID()
  counselorId?: string;
}

export class ConfirmAppointmentDto extends VersionedAction {
  @ApiPropertyOptional({ format: 'date-time', description: 'Required for a waiting request; a held slot keeps its time unless given (then with endsAt)' })
  @IsOptional()
  @IsDateString({ strict: true })
  startsAt?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Given together with startsAt' })
  @IsOptional()
  @IsDateString({ strict: true })
  endsAt?: string;

  @ApiPropertyOptional({ enum: SESSION_MODES, enumName: 'SessionMode' })
  @IsOptional()
  @IsIn(SESSION_MODES)
  mode?: SessionMode;

  @ApiPropertyOptional({ minLength: 1, maxLength: PLACE_MAX_LENGTH })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, PLACE_MAX_LENGTH)
  place?: string;
}

export class RescheduleAppointmentDto extends SessionTimes {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: INT4_MAX, description: 'The version the action is based on' })
  @IsVersion()
  version: number;
}

export class CancelAppointmentDto extends VersionedAction {
  @ApiProperty({
    minLength: REASON_MIN_LENGTH,
    maxLength: REASON_MAX_LENGTH,
    description: 'Why (encrypted at rest; never shown to the requesting teacher)',
  })
  @Trim()
  @IsString()
  @Length(REASON_MIN_LENGTH, REASON_MAX_LENGTH)
  reason: string;
}

export class AppointmentActionDto extends VersionedAction {}

export class AppointmentListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: APPOINTMENT_STATUSES, enumName: 'AppointmentStatus', isArray: true, description: 'Repeat for any of' })
  @IsOptional()
  @ToArray()
  @IsIn(APPOINTMENT_STATUSES, { each: true })
  status?: AppointmentStatus[];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  studentId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only sessions starting at or after this instant (ISO 8601); requests without a time are left out' })
  @IsOptional()
  @IsDateString({ strict: true })
  startsFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only sessions starting before this instant (ISO 8601); requests without a time are left out' })
  @IsOptional()
  @IsDateString({ strict: true })
  startsBefore?: string;
}

export class WithdrawRequestDto extends VersionedAction {
  @ApiPropertyOptional({ minLength: REASON_MIN_LENGTH, maxLength: REASON_MAX_LENGTH, description: 'Why (encrypted at rest)' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(REASON_MIN_LENGTH, REASON_MAX_LENGTH)
  reason?: string;
}
