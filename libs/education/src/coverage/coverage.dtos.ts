import { ApiProperty } from '@nestjs/swagger';
import type { IsoDate, Uuid } from '#core';
import { IsCalendarDate } from '../shared/calendar-date.js';

/** A period of calendar days in the school's time zone, both days included. */
export class CoverageQuery {
  @ApiProperty({ format: 'date', example: '2026-06-01', description: 'First day (YYYY-MM-DD, school time zone)' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ format: 'date', example: '2026-07-10', description: 'Last day, included (YYYY-MM-DD, school time zone); not before from' })
  @IsCalendarDate()
  to: string;
}

export const CELL_STATUSES = ['delivered', 'planned', 'missing'] as const;
/** delivered: a class confirmed it; planned: scheduled (or awaiting confirmation); missing: neither. */
export type CellStatus = (typeof CELL_STATUSES)[number];

export interface CoverageTopicView {
  id: Uuid;
  code: string;
  nameZh: string;
  nameEn: string;
  requiredBeforeHoliday: boolean;
}

/** Where one topic stands in one class. */
export interface CoverageCell {
  topicId: Uuid;
  code: string;
  status: CellStatus;
}

export interface CoverageClassView {
  id: Uuid;
  name: string;
  gradeId: Uuid;
  gradeName: string;
  /** One per topic, in the order of `topics`. */
  cells: CoverageCell[];
  /** Codes of the required topics with neither a delivered nor a planned activity in the period. */
  missingTopics: string[];
}

export interface CoverageMatrix {
  from: IsoDate;
  /** Included. */
  to: IsoDate;
  topics: CoverageTopicView[];
  classes: CoverageClassView[];
}
