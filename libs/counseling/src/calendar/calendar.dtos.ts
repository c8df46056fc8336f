import { ApiProperty } from '@nestjs/swagger';
import { IsDateString } from 'class-validator';
import type { SessionMode } from '../availability/availability.js';

export class CalendarQuery {
  @ApiProperty({ description: 'ISO 8601 with offset' })
  @IsDateString({ strict: true })
  from: string;

  @ApiProperty({ description: 'ISO 8601 with offset; at most 31 days after from' })
  @IsDateString({ strict: true })
  to: string;
}

export interface FreeTime {
  startsAt: Date;
  endsAt: Date;
  mode: SessionMode;
  place: string | null;
}

/** Booked time; who and which session only for the counselor and the student's case team. */
export interface BookedTime {
  startsAt: Date;
  endsAt: Date;
  appointmentId?: string;
  studentId?: string;
  studentName?: string;
  status?: string;
}

export interface CounselorCalendar {
  counselorId: string;
  counselorName: string;
  timeZone: string;
  from: Date;
  to: Date;
  free: FreeTime[];
  booked: BookedTime[];
}

export interface CounselorSummary {
  id: string;
  displayName: string;
}
