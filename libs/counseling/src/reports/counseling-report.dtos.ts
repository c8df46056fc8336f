import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import type { IsoDate, Uuid } from '#core';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class CounselingReportQuery {
  @ApiProperty({ format: 'date', pattern: DATE.source, example: '2026-03-01', description: 'First day (the school\'s calendar), by session start' })
  @Matches(DATE, { message: 'must be a date, YYYY-MM-DD' })
  from: string;

  @ApiProperty({ format: 'date', pattern: DATE.source, example: '2026-03-31', description: 'Last day, inclusive; at most 366 days after from' })
  @Matches(DATE, { message: 'must be a date, YYYY-MM-DD' })
  to: string;
}

/** Sessions one counselor held in one ISO week. */
export interface CounselorWeekSessions {
  counselorId: Uuid;
  counselorName: string;
  /** `2026-W10`: ISO week-numbering year and week, Monday-based, in the school's zone. */
  isoWeek: string;
  sessions: number;
}

/** Of the sessions that were due: held, or missed. */
export interface CounselingAttendance {
  completed: number;
  noShow: number;
  /** noShow / (completed + noShow), to 4 decimals; null when none were due. */
  noShowRate: number | null;
}

/** From a class teacher's request to the start of the session held for it. */
export interface CounselingWaitTime {
  sessions: number;
  /** To one decimal; null when no requested session was held. */
  medianHours: number | null;
}

/** Counts only: no student, no content. */
export interface CounselingReport {
  from: IsoDate;
  to: IsoDate;
  /** The school's IANA time zone, in which the days and weeks are counted. */
  timeZone: string;
  /** Sessions held (completed), per counselor and ISO week (Monday-based, in the school's zone). */
  sessionsByCounselorAndWeek: CounselorWeekSessions[];
  attendance: CounselingAttendance;
  waitFromRequestToFirstSession: CounselingWaitTime;
}
