import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SessionMode } from '../availability/availability.js';
import { calendarLockKey } from './appointment.repository.js';

export interface FreedSlot {
  schoolId: string;
  counselorId: string;
  startsAt: Date;
  endsAt: Date;
  mode: SessionMode;
  place: string | null;
}

/** A place in the waitlist: requests wait in order of (createdAt, id). */
export interface LinePlace {
  createdAt: Date;
  id: string;
}

/** A hold sent back to waiting, with the slot it freed and its place in the line. */
export interface ReleasedOffer extends FreedSlot {
  id: string;
  studentId: string;
  createdAt: Date;
}

export interface Hold {
  until: Date;
  at: Date;
  /** Never offered to this request (the one that freed the slot). */
  excludeId: string | null;
  /** Only requests behind this place in the line: a hold that expired passes down the line, never back up it. */
  behind?: LinePlace | null;
}

/** The waiting requests, and the slots held for them. */
@Injectable()
export class WaitlistRepository {
  /**
   * Holds the slot for the longest-waiting request of this counselor (or of any counselor) whose
   * student is free then; the request held, or null when nobody waits. SKIP LOCKED lets two
   * cancellations at once offer to two different requests.
   */
  async offerToFirstWaiting(manager: EntityManager, slot: FreedSlot, hold: Hold): Promise<{ id: string; studentId: string } | null> {
    // In line order, and only a student whose calendar is free to lock: the offer must not wait for
    // a booking of that student out of lock order (see lockCalendars); it passes to the next one.
    const rows = await manager.query<{ id: string; studentId: string }[]>(
      `WITH in_line AS MATERIALIZED (
         SELECT w.id, w.student_id FROM appointments w
          WHERE w.school_id = $1 AND w.status = 'requested' AND (w.counselor_id = $2 OR w.counselor_id IS NULL)
            AND w.id IS DISTINCT FROM $9::uuid
            AND ($10::timestamptz IS NULL OR (w.created_at, w.id) > ($10::timestamptz, $11::uuid))
            AND NOT EXISTS (
              SELECT 1 FROM appointments b
               WHERE b.student_id = w.student_id AND b.status IN ('scheduled', 'offered')
                 AND tstzrange(b.starts_at, b.ends_at, '[)') && tstzrange($3::timestamptz, $4::timestamptz, '[)'))
          ORDER BY w.created_at, w.id
          FOR UPDATE SKIP LOCKED
       ), first_waiting AS (
         SELECT id FROM in_line WHERE pg_try_advisory_xact_lock(${calendarLockKey('in_line.student_id::text')}) LIMIT 1
       ), offered AS (
         UPDATE appointments a
            SET status = 'offered', counselor_id = $2, starts_at = $3, ends_at = $4, mode = $5, place = $6,
                offer_expires_at = $7, updated_at = $8, version = a.version + 1
           FROM first_waiting WHERE a.id = first_waiting.id
         RETURNING a.id, a.student_id)
       SELECT id, student_id AS "studentId" FROM offered`,
      [
        slot.schoolId,
        slot.counselorId,
        slot.startsAt,
        slot.endsAt,
        slot.mode,
        slot.place,
        hold.until,
        hold.at,
        hold.excludeId,
        hold.behind?.createdAt ?? null,
        hold.behind?.id ?? null,
      ],
    );
    return rows[0] ?? null;
  }

  /**
   * Sends held slots whose time ran out back to waiting (for the counselor the teacher asked for,
   * or any); the slots they held, so they can be passed on. SKIP LOCKED: instances running at
   * once release disjoint sets, and a hold released once is no longer `offered`. In school order,
   * so instances take the schools' audit locks in one order.
   */
  async releaseExpired(manager: EntityManager, now: Date, limit = 500): Promise<ReleasedOffer[]> {
    // Only holds whose counselor's calendar this transaction can lock: it must pass each slot on,
    // and a slot released while another run holds that calendar could not be (offerFreedSlot
    // would leave it free). The run holding the calendar takes the rest in its next batch.
    return this.releaseExpiredWhere(manager, now, `pg_try_advisory_xact_lock(${calendarLockKey('counselor_id::text')})`, [], limit);
  }

  /**
   * Releases the expired holds that would stand in the way of a booking of this counselor or
   * student at [startsAt, endsAt): the booking is about to use that time.
   */
  async releaseExpiredInTheWay(
    manager: EntityManager,
    now: Date,
    booking: { counselorId: string; studentId: string; startsAt: Date; endsAt: Date },
  ): Promise<ReleasedOffer[]> {
    return this.releaseExpiredWhere(
      manager,
      now,
      `(counselor_id = $3 OR student_id = $4) AND tstzrange(starts_at, ends_at, '[)') && tstzrange($5::timestamptz, $6::timestamptz, '[)')`,
      [booking.counselorId, booking.studentId, booking.startsAt, booking.endsAt],
      500,
    );
  }

  private async releaseExpiredWhere(manager: EntityManager, now: Date, condition: string, values: unknown[], limit: number): Promise<ReleasedOffer[]> {
    return manager.query<ReleasedOffer[]>(
      `WITH expired AS (
         SELECT id, counselor_id, starts_at, ends_at, mode, place FROM appointments
          WHERE status = 'offered' AND offer_expires_at <= $1 AND ${condition}
          ORDER BY offer_expires_at, id
          LIMIT $2
          FOR UPDATE SKIP LOCKED
       ), released AS (
         UPDATE appointments a
            SET status = 'requested', counselor_id = a.requested_counselor_id, starts_at = NULL, ends_at = NULL, mode = NULL,
                place = NULL, offer_expires_at = NULL, updated_at = $1, version = a.version + 1
           FROM expired WHERE a.id = expired.id
         RETURNING a.id, a.school_id, a.student_id, a.created_at, expired.counselor_id, expired.starts_at, expired.ends_at, expired.mode, expired.place)
       SELECT id, school_id AS "schoolId", student_id AS "studentId", created_at AS "createdAt", counselor_id AS "counselorId",
              starts_at AS "startsAt", ends_at AS "endsAt", mode, place
         FROM released ORDER BY school_id, starts_at, id`,
      [now, limit, ...values],
    );
  }
}
