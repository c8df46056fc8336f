import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SessionMode } from '../availability/availability.js';
import { MAX_SESSION_MINUTES } from '../appointments/slot-placement.js';
import type { AppointmentStatus } from '../appointments/appointment-status.js';

export interface BookedRow {
  id: string;
  studentId: string;
  studentName: string;
  status: AppointmentStatus;
  startsAt: Date;
  endsAt: Date;
  mode: SessionMode;
  place: string | null;
  updatedAt: Date;
  version: number;
  /** The viewer is this session's counselor, or on the student's open case team. */
  viewerMaySeeStudent: boolean;
}

@Injectable()
export class CalendarRepository {
  /**
   * The counselor's sessions touching [from, to): scheduled ones, unexpired held slots, and those
   * already held (completed, missed). `appointments_counselor_starts_idx` serves the range, since
   * no session is longer than MAX_SESSION_MINUTES.
   */
  async sessionsBetween(manager: EntityManager, counselorId: string, range: { from: Date; to: Date }, now: Date, viewerId: string): Promise<BookedRow[]> {
    return manager.query<BookedRow[]>(
      `SELECT a.id, a.student_id AS "studentId", s.name AS "studentName", a.status, a.starts_at AS "startsAt", a.ends_at AS "endsAt",
              a.mode, a.place, a.updated_at AS "updatedAt", a.version,
              (a.counselor_id = $5 OR EXISTS (
                 SELECT 1 FROM cases k JOIN case_team_members m ON m.case_id = k.id AND m.user_id = $5 AND m.removed_at IS NULL
                  WHERE k.student_id = a.student_id AND k.state <> 'closed')) AS "viewerMaySeeStudent"
         FROM appointments a JOIN students s ON s.id = a.student_id
        WHERE a.counselor_id = $1
          AND a.starts_at >= $2::timestamptz - interval '${MAX_SESSION_MINUTES} minutes' AND a.starts_at < $3 AND a.ends_at > $2
          AND (a.status IN ('scheduled', 'completed', 'no_show') OR (a.status = 'offered' AND a.offer_expires_at > $4))
        ORDER BY a.starts_at, a.id`,
      [counselorId, range.from, range.to, now, viewerId],
    );
  }

  async counselorsOf(manager: EntityManager, schoolId: string, after: { name: string; id: string } | null, limit: number): Promise<{ id: string; displayName: string }[]> {
    return manager.query(
      `SELECT id, display_name AS "displayName" FROM users
        WHERE school_id = $1 AND active AND role IN ('counselor', 'counseling_lead')
          AND ($2::text IS NULL OR (display_name, id) > ($2::text, $3::uuid))
        ORDER BY display_name, id LIMIT $4`,
      [schoolId, after?.name ?? null, after?.id ?? null, limit + 1],
    );
  }
}
