import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface CounselingSettingsRow {
  timeZone: string;
  remoteOnlyDuringHolidays: boolean;
  offerHoldHours: number;
  /** 1 while the school still runs on the defaults (no row yet). */
  version: number;
}

export const DEFAULT_OFFER_HOLD_HOURS = 24;

@Injectable()
export class CounselingSettingsRepository {
  /** The school's settings and time zone; the defaults when the school has no settings row. */
  async find(manager: EntityManager, schoolId: string): Promise<CounselingSettingsRow> {
    const rows = await manager.query<CounselingSettingsRow[]>(
      `SELECT s.timezone AS "timeZone",
              COALESCE(cs.remote_only_during_holidays, false) AS "remoteOnlyDuringHolidays",
              COALESCE(cs.offer_hold_hours, ${DEFAULT_OFFER_HOLD_HOURS})::int AS "offerHoldHours",
              COALESCE(cs.version, 1) AS version
         FROM schools s LEFT JOIN counseling_settings cs ON cs.school_id = s.id
        WHERE s.id = $1`,
      [schoolId],
    );
    if (!rows[0]) throw new Error('The caller\'s school does not exist');
    return rows[0];
  }

  /**
   * Saves the settings if they are still at `version`; the new version, or null when someone
   * changed them first. Version 1 without a row means "the defaults": the first save creates it.
   */
  async saveIfCurrent(
    manager: EntityManager,
    schoolId: string,
    version: number,
    values: { remoteOnlyDuringHolidays: boolean; offerHoldHours: number },
    at: Date,
  ): Promise<number | null> {
    const rows = await manager.query<{ version: number }[]>(
      `INSERT INTO counseling_settings AS cs (school_id, remote_only_during_holidays, offer_hold_hours, updated_at, version)
       SELECT $1, $3, $4, $5, 2 WHERE $2::int = 1
       ON CONFLICT (school_id) DO UPDATE
          SET remote_only_during_holidays = EXCLUDED.remote_only_during_holidays, offer_hold_hours = EXCLUDED.offer_hold_hours,
              updated_at = EXCLUDED.updated_at, version = cs.version + 1
        WHERE cs.version = $2
       RETURNING version`,
      [schoolId, version, values.remoteOnlyDuringHolidays, values.offerHoldHours, at],
    );
    if (rows[0]) return rows[0].version;
    if (version === 1) return null;
    const updated = await manager.query<{ version: number }[]>(
      `WITH updated AS (
         UPDATE counseling_settings SET remote_only_during_holidays = $3, offer_hold_hours = $4, updated_at = $5, version = version + 1
          WHERE school_id = $1 AND version = $2 RETURNING version)
       SELECT version FROM updated`,
      [schoolId, version, values.remoteOnlyDuringHolidays, values.offerHoldHours, at],
    );
    return updated[0]?.version ?? null;
  }
}
