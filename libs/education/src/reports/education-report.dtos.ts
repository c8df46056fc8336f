import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '../shared/calendar-date.js';

/** Until the Holiday-windows issue lands there is no term calendar: the caller names the holiday's first day. */
export class MissingTopicsQuery {
  @ApiProperty({
    example: '2026-07-11',
    description: "The holiday's first day (YYYY-MM-DD, school time zone; excluded). The Holiday-windows issue will default it to the next holiday",
  })
  @IsCalendarDate()
  before: string;

  @ApiPropertyOptional({ example: '2026-06-11', description: 'Start of the pre-holiday window (included); 30 days before `before` when absent' })
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
