import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { HolidayCalendar } from '#holidays';
import type { Interval } from '../time/intervals.js';

/** Whether a span of time falls in one of the school's holidays, as its term calendar says. */
@Injectable()
export class SchoolHolidays {
  constructor(private readonly calendar: HolidayCalendar) {}

  overlapsHoliday(manager: EntityManager, schoolId: string, span: Interval): Promise<boolean> {
    return this.calendar.overlapsHoliday(manager, schoolId, span);
  }
}
