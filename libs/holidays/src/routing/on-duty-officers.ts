import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** SQL: whether the instant `atSql` falls on a holiday day of school `s` (in its zone). */
export const IN_HOLIDAY_SQL = (atSql: string) => `EXISTS (
  SELECT 1 FROM school_holidays h
   WHERE h.school_id = s.id
     AND (h.starts_on::timestamp AT TIME ZONE s.timezone) <= ${atSql}
     AND ((h.ends_on + 1)::timestamp AT TIME ZONE s.timezone) > ${atSql})`;

/**
 * SQL: the ids (`officer_id`) of the school's active officers whose shift covers the instant, if
 * it falls inside one of its holidays; none outside holidays (then the counselors are at work).
 * A fragment, so set-based statements (alert escalation) route the same way as a single alert.
 */
export const ON_DUTY_OFFICERS_SQL = (schoolIdSql: string, atSql: string) => `
  SELECT DISTINCT d.officer_id
    FROM duty_shifts d JOIN schools s ON s.id = d.school_id JOIN users u ON u.id = d.officer_id AND u.active
   WHERE d.school_id = ${schoolIdSql} AND d.starts_at <= ${atSql} AND d.ends_at > ${atSql} AND ${IN_HOLIDAY_SQL(atSql)}`;

/** Who must hear of a crisis at once during a holiday, besides the counselors. */
@Injectable()
export class OnDutyOfficers {
  /** The officers on duty at the instant (see ON_DUTY_OFFICERS_SQL), in the caller's transaction. */
  async inHolidayAt(manager: EntityManager, schoolId: string, at: Date): Promise<string[]> {
    const rows = await manager.query<{ officer_id: string }[]>(ON_DUTY_OFFICERS_SQL('$1', '$2::timestamptz'), [schoolId, at]);
    return rows.map((r) => r.officer_id);
  }
}
