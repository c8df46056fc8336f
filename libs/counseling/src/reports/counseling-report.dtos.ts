import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class CounselingReportQuery {
  @ApiProperty({ example: '2026-03-01', description: 'First day (the school\'s calendar), by session start' })
  @Matches(DATE, { message: 'must be a date, YYYY-MM-DD' })
  from: string;

  @ApiProperty({ example: '2026-03-31', description: 'Last day, inclusive; at most 366 days after from' })
  @Matches(DATE, { message: 'must be a date, YYYY-MM-DD' })
  to: string;
}

/** Counts only: no student, no content. */
export interface CounselingReport {
  from: string;
  to: string;
  timeZone: string;
  /** Sessions held (completed), per counselor and ISO week (Monday-based, in the school's zone). */
  sessionsByCounselorAndWeek: { counselorId: string; counselorName: string; isoWeek: string; sessions: number }[];
  /** Of the sessions that were due: held, or missed. */
  attendance: { completed: number; noShow: number; noShowRate: number | null };
  /** From a class teacher's request to the start of the session held for it. */
  waitFromRequestToFirstSession: { sessions: number; medianHours: number | null };
}
