import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A half-open span `[start, end)` in epoch milliseconds. */
export interface TimeSpan {
  start: number;
  end: number;
}

/** Whether times fall in the school's holidays, whose days run midnight to midnight in its zone. */
@Injectable()
export class HolidayCalendar {
  async overlapsHoliday(manager: EntityManager, schoolId: string, span: TimeSpan): Promise<boolean> {
    const [{ overlaps }] = await manager.query<{ overlaps: boolean }[]>(
      `SELECT EXISTS (
         SELECT 1 FROM school_holidays h JOIN schools s ON s.id = h.school_id
          WHERE h.school_id = $1
            AND (h.starts_on::timestamp AT TIME ZONE s.timezone) < $3
            AND ((h.ends_on + 1)::timestamp AT TIME ZONE s.timezone) > $2) AS overlaps`,
      [schoolId, new Date(span.start), new Date(span.end)],
    );
    return overlaps;
  }
}
