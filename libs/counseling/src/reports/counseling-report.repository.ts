import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Aggregates over `appointments_school_starts_idx`; nothing per student leaves the database. */
@Injectable()
export class CounselingReportRepository {
  async sessionsByCounselorAndWeek(manager: EntityManager, schoolId: string, timeZone: string, from: Date, to: Date) {
    return manager.query<{ counselorId: string; counselorName: string; isoWeek: string; sessions: number }[]>(
      `SELECT a.counselor_id AS "counselorId", u.display_name AS "counselorName",
              to_char(a.starts_at AT TIME ZONE $2, 'IYYY-"W"IW') AS "isoWeek", count(*)::int AS sessions
         FROM appointments a JOIN users u ON u.id = a.counselor_id
        WHERE a.school_id = $1 AND a.status = 'completed' AND a.starts_at >= $3 AND a.starts_at < $4
        GROUP BY a.counselor_id, u.display_name, 3
        ORDER BY 3, u.display_name, a.counselor_id`,
      [schoolId, timeZone, from, to],
    );
  }

  async attendanceAndWait(manager: EntityManager, schoolId: string, from: Date, to: Date) {
    const [row] = await manager.query<{ completed: number; noShow: number; waited: number; medianWaitSeconds: number | null }[]>(
      `SELECT count(*) FILTER (WHERE status = 'completed')::int AS completed,
              count(*) FILTER (WHERE status = 'no_show')::int AS "noShow",
              count(*) FILTER (WHERE status = 'completed' AND requested_at IS NOT NULL)::int AS waited,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM starts_at - requested_at))
                FILTER (WHERE status = 'completed' AND requested_at IS NOT NULL) AS "medianWaitSeconds"
         FROM appointments
        WHERE school_id = $1 AND status IN ('completed', 'no_show') AND starts_at >= $2 AND starts_at < $3`,
      [schoolId, from, to],
    );
    return row;
  }
}
