import type { EntityManager } from 'typeorm';
import { DEFAULT_WINDOW_LENGTHS } from '../windows/key-windows.js';

/** The school's next holiday and where its pre-holiday window starts: `YYYY-MM-DD` in the school's zone. */
export interface UpcomingHoliday {
  holidayId: string;
  firstDay: string;
  /** The first day of the pre-holiday window (the holiday's first day when the school keeps none). */
  preHolidayFirstDay: string;
}

/**
 * The first holiday whose last day is today or later in the school's zone (so a holiday under way
 * counts), with the school's pre-holiday window length; null when none is on the calendar.
 * A plain function so that other contexts (education's reports) read it without a module import.
 */
export async function findUpcomingHoliday(manager: EntityManager, schoolId: string, at: Date): Promise<UpcomingHoliday | null> {
  const rows = await manager.query<UpcomingHoliday[]>(
    `SELECT h.id AS "holidayId", h.starts_on::text AS "firstDay",
            (h.starts_on - COALESCE(w.pre_holiday_days, $3::int))::text AS "preHolidayFirstDay"
       FROM schools s
       JOIN school_holidays h ON h.school_id = s.id
       LEFT JOIN school_window_settings w ON w.school_id = s.id
      WHERE s.id = $1 AND h.ends_on >= ($2::timestamptz AT TIME ZONE s.timezone)::date
      ORDER BY h.starts_on, h.id
      LIMIT 1`,
    [schoolId, at, DEFAULT_WINDOW_LENGTHS.preHolidayDays],
  );
  return rows[0] ?? null;
}
