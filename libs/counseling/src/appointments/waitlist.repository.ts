import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SessionMode } from '../availability/availability.js';

export interface FreedSlot {
  schoolId: string;
  counselorId: string;
  startsAt: Date;
  endsAt: Date;
  mode: SessionMode;
  place: string | null;
}

export interface ReleasedOffer {
  id: string;
  schoolId: string;
  studentId: string;
}

/** The waiting requests, and the slots held for them. */
@Injectable()
export class WaitlistRepository {
  /**
   * Holds the slot for the longest-waiting request of this counselor (or of any counselor) whose
   * student is free then; the request held, or null when nobody waits. SKIP LOCKED lets two
   * cancellations at once offer to two different requests.
   */
  async offerToFirstWaiting(
    manager: EntityManager,
    slot: FreedSlot,
    hold: { until: Date; at: Date; excludeId: string | null },
  ): Promise<{ id: string; studentId: string } | null> {
    const rows = await manager.query<{ id: string; studentId: string }[]>(
      `WITH first_waiting AS (
         SELECT w.id FROM appointments w
          WHERE w.school_id = $1 AND w.status = 'requested' AND (w.counselor_id = $2 OR w.counselor_id IS NULL)
            AND w.id IS DISTINCT FROM $9::uuid
            AND NOT EXISTS (
              SELECT 1 FROM appointments b
               WHERE b.student_id = w.student_id AND b.status IN ('scheduled', 'offered')
                 AND tstzrange(b.starts_at, b.ends_at, '[)') && tstzrange($3::timestamptz, $4::timestamptz, '[)'))
          ORDER BY w.created_at, w.id
          LIMIT 1
          FOR UPDATE SKIP LOCKED
       ), offered AS (
         UPDATE appointments a
            SET status = 'offered', counselor_id = $2, starts_at = $3, ends_at = $4, mode = $5, place = $6,
                offer_expires_at = $7, updated_at = $8, version = a.version + 1
           FROM first_waiting WHERE a.id = first_waiting.id
         RETURNING a.id, a.student_id)
       SELECT id, student_id AS "studentId" FROM offered`,
      [slot.schoolId, slot.counselorId, slot.startsAt, slot.endsAt, slot.mode, slot.place, hold.until, hold.at, hold.excludeId],
    );
    return rows[0] ?? null;
  }

  /**
   * Sends held slots whose time ran out back to waiting (for the counselor the teacher asked for,
   * or any), so the slot is free again. Limited to one counselor's or student's when given.
   */
  async releaseExpired(manager: EntityManager, now: Date, only: { counselorId?: string; studentId?: string } = {}, limit = 500): Promise<ReleasedOffer[]> {
    return manager.query<ReleasedOffer[]>(
      `WITH expired AS (
         SELECT id FROM appointments
          WHERE status = 'offered' AND offer_expires_at <= $1
            AND (($2::uuid IS NULL AND $3::uuid IS NULL) OR counselor_id = $2 OR student_id = $3)
          ORDER BY offer_expires_at
          LIMIT $4
          FOR UPDATE SKIP LOCKED
       ), released AS (
         UPDATE appointments a
            SET status = 'requested', counselor_id = a.requested_counselor_id, starts_at = NULL, ends_at = NULL, mode = NULL,
                place = NULL, offer_expires_at = NULL, updated_at = $1, version = a.version + 1
           FROM expired WHERE a.id = expired.id
         RETURNING a.id, a.school_id, a.student_id)
       SELECT id, school_id AS "schoolId", student_id AS "studentId" FROM released`,
      [now, only.counselorId ?? null, only.studentId ?? null, limit],
    );
  }
}
