import { ApiProperty } from '@nestjs/swagger';
import { IsDateString } from 'class-validator';
import type { Uuid } from '#core';
import type { AppointmentStatus } from '../appointments/appointment-status.js';
import type { SessionMode } from '../availability/availability.js';

export class CalendarQuery {
  @ApiProperty({ format: 'date-time', description: 'ISO 8601 with offset' })
  @IsDateString({ strict: true })
  from: string;

  @ApiProperty({ format: 'date-time', description: 'ISO 8601 with offset; after from, at most 31 days after it' })
  @IsDateString({ strict: true })
  to: string;
}

/** Time the counselor can still be booked in, with the mode and place of its availability. */
export interface FreeTime {
  startsAt: Date;
  endsAt: Date;
  mode: SessionMode;
  place: string | null;
}

/**
 * Booked time; who and which session only for the counselor and the student's case team (the
 * optional fields are all there, or none).
 */
export interface BookedTime {
  startsAt: Date;
  endsAt: Date;
  appointmentId?: Uuid;
  studentId?: Uuid;
  studentName?: string;
  status?: AppointmentStatus;
}

export interface CounselorCalendar {
  counselorId: Uuid;
  counselorName: string;
  /** The school's IANA time zone, e.g. Asia/Shanghai. */
  timeZone: string;
  from: Date;
  to: Date;
  free: FreeTime[];
  booked: BookedTime[];
}

/** A counselor (or the head of counseling) of the school, to choose from. */
export interface CounselorSummary {
  id: Uuid;
  displayName: string;
}
