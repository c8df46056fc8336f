import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Interval } from '../time/intervals.js';

/**
 * Whether a span of time falls in one of the school's holidays. Term calendars arrive with the
 * Holiday-windows issue, which replaces this provider; until then no day is a holiday, so the
 * "phone or video only during holidays" setting is stored but never triggers.
 */
@Injectable()
export class SchoolHolidays {
  async overlapsHoliday(_manager: EntityManager, _schoolId: string, _span: Interval): Promise<boolean> {
    return false;
  }
}
