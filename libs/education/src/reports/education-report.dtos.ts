import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import type { IsoDate, Uuid } from '#core';
import { IsCalendarDate } from '../shared/calendar-date.js';

/** Which holiday the report looks ahead to: the school's next one unless `before` names its first day. */
export class MissingTopicsQuery {
  @ApiPropertyOptional({
    format: 'date',
    example: '2026-07-11',
    description: "The holiday's first day (YYYY-MM-DD, school time zone; excluded). Absent: the first day of the school's next holiday (the first whose last day is today or later)",
  })
  @IsOptional()
  @IsCalendarDate()
  before?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-06-11',
    description: "Start of the pre-holiday window (included). Absent: with `before` given, 30 days before it; else the start of the next holiday's pre-holiday window (the school's window settings, 14 days by default)",
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;
}

export interface GradeTopicCounts {
  topicId: Uuid;
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
  gradeId: Uuid;
  gradeName: string;
  topics: GradeTopicCounts[];
}

/** The answer of the per-grade coverage report. */
export interface EducationCoverageReport {
  from: IsoDate;
  /** Included. */
  to: IsoDate;
  grades: GradeCoverageView[];
}

/** A current class teacher of a class: whom to remind. */
export interface ClassGapTeacher {
  userId: Uuid;
  displayName: string;
}

/** A required topic the class has neither been taught nor has planned. */
export interface ClassGapTopic {
  id: Uuid;
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface ClassGapView {
  classId: Uuid;
  className: string;
  gradeId: Uuid;
  gradeName: string;
  /** Its current class teachers: whom to remind. */
  teachers: ClassGapTeacher[];
  missingTopics: ClassGapTopic[];
}

/** The answer of the missing-topics report: the window it looked at and the classes with gaps. */
export interface MissingTopicsReport {
  /** First day of the window (included). */
  from: IsoDate;
  /** The holiday's first day (excluded). */
  before: IsoDate;
  classes: ClassGapView[];
}
