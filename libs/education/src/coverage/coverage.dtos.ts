import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '../shared/calendar-date.js';

/** A period of calendar days in the school's time zone, both days included. */
export class CoverageQuery {
  @ApiProperty({ example: '2026-06-01', description: 'First day (YYYY-MM-DD, school time zone)' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ example: '2026-07-10', description: 'Last day, included (YYYY-MM-DD, school time zone)' })
  @IsCalendarDate()
  to: string;
}

export const CELL_STATUSES = ['delivered', 'planned', 'missing'] as const;
/** delivered: a class confirmed it; planned: scheduled (or awaiting confirmation); missing: neither. */
export type CellStatus = (typeof CELL_STATUSES)[number];

export interface CoverageTopicView {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  requiredBeforeHoliday: boolean;
}

export interface CoverageClassView {
  id: string;
  name: string;
  gradeId: string;
  gradeName: string;
  /** One per topic, in the order of `topics`. */
  cells: { topicId: string; code: string; status: CellStatus }[];
  /** Codes of the required topics with neither a delivered nor a planned activity in the period. */
  missingTopics: string[];
}

export interface CoverageMatrix {
  from: string;
  to: string;
  topics: CoverageTopicView[];
  classes: CoverageClassView[];
}
