import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsVersion, PageQuery, ToArray, Trim } from '#core';
import { SESSION_MODES, type SessionMode } from '../availability/availability.js';
import { REQUEST_REASONS, type RequestReason } from '../entities/appointment.entity.js';
import { APPOINTMENT_STATUSES, type AppointmentStatus } from './appointment-status.js';

class VersionedAction {
  @ApiProperty({ description: 'The version the action is based on' })
  @IsVersion()
  version: number;
}

class SessionTimes {
  @ApiProperty({ description: 'ISO 8601 with offset; inside the counselor\'s availability' })
  @IsDateString({ strict: true })
  startsAt: string;

  @ApiProperty({ description: 'ISO 8601 with offset, after startsAt (at most 4 hours)' })
  @IsDateString({ strict: true })
  endsAt: string;

  @ApiPropertyOptional({ enum: SESSION_MODES, description: 'Default: the mode of the availability window' })
  @IsOptional()
  @IsIn(SESSION_MODES)
  mode?: SessionMode;

  @ApiPropertyOptional({ description: 'Default: the place of the availability window' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
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

  @ApiProperty({ description: 'Start of the time that would suit (ISO 8601)' })
  @IsDateString({ strict: true })
  preferredFrom: string;

  @ApiProperty({ description: 'End of the time that would suit (ISO 8601), in the future' })
  @IsDateString({ strict: true })
  preferredTo: string;

  @ApiProperty({ enum: REQUEST_REASONS, description: 'A category only: what was observed belongs in a concern flag' })
  @IsIn(REQUEST_REASONS)
  reasonCategory: RequestReason;

  @ApiPropertyOptional({ format: 'uuid', description: 'A counselor to ask; default: any counselor of the school' })
  @IsOptional()
  @IsUUID()
  counselorId?: string;
}

export class ConfirmAppointmentDto extends VersionedAction {
  @ApiPropertyOptional({ description: 'Required for a waiting request; a held slot keeps its time unless given' })
  @IsOptional()
  @IsDateString({ strict: true })
  startsAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDateString({ strict: true })
  endsAt?: string;

  @ApiPropertyOptional({ enum: SESSION_MODES })
  @IsOptional()
  @IsIn(SESSION_MODES)
  mode?: SessionMode;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  place?: string;
}

export class RescheduleAppointmentDto extends SessionTimes {
  @ApiProperty({ description: 'The version the action is based on' })
  @IsVersion()
  version: number;
}

export class CancelAppointmentDto extends VersionedAction {
  @ApiProperty({ description: 'Why (encrypted at rest; never shown to the requesting teacher)' })
  @Trim()
  @IsString()
  @Length(2, 2000)
  reason: string;
}

export class AppointmentActionDto extends VersionedAction {}

export class AppointmentListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: APPOINTMENT_STATUSES, isArray: true, description: 'Repeat for any of' })
  @IsOptional()
  @ToArray()
  @IsIn(APPOINTMENT_STATUSES, { each: true })
  status?: AppointmentStatus[];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  studentId?: string;
}

export class WithdrawRequestDto extends VersionedAction {
  @ApiPropertyOptional({ description: 'Why (encrypted at rest)' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(2, 2000)
  reason?: string;
}
