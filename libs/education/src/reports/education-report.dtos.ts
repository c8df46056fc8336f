import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '../shared/calendar-date.js';

/** Which holiday the report looks ahead to: the school's next one unless `before` names its first day. */
export class MissingTopicsQuery {
  @ApiPropertyOptional({
    example: '2026-07-11',
    description: "The holiday's first day (YYYY-MM-DD, school time zone; excluded). Absent: the first day of the school's next holiday (the first whose last day is today or later)",
  })
  @IsOptional()
  @IsCalendarDate()
  before?: string;

  @ApiPropertyOptional({
    example: '2026-06-11',
    description: "Start of the pre-holiday window (included). Absent: with `before` given, 30 days before it; else the start of the next holiday's pre-holiday window (the school's window settings, 14 days by default)",
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;
}

export interface TopicCounts {
  topicId: string;
  code: string;
  nameZh: string;
  nameEn: string;
  requiredBeforeHoliday: boolean;
  /** Classes of the grade, and how many of them had it delivered, only planned, or neither. */
  classes: number;
  delivered: number;
  planned: number;
  missing: number;
}

export interface GradeCoverageView {
  gradeId: string;
  gradeName: string;
  topics: TopicCounts[];
}

export interface ClassGapView {
  classId: string;
  className: string;
  gradeId: string;
  gradeName: string;
  /** Its current class teachers: whom to remind. */
  teachers: { userId: string; displayName: string }[];
  missingTopics: { id: string; code: string; nameZh: string; nameEn: string }[];
}
