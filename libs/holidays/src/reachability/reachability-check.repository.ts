import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PersonalChannel } from '#messaging';
import type { DutyShiftKind } from '../roster/duty-shift-hours.js';
import { type ChannelsOn, CHECK_LEAD, CONFIRM_BEFORE, IN_QUIET_HOURS_SQL, OFFICER_HOLIDAY_SHIFTS, REACHABLE_SQL } from './reachability.sql.js';

/** Only a link's SHA-256 is stored: the link itself is in the messages (encrypted in the outbox) and nowhere else. */
export const hashReachabilityToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A check whose test message can go out now: its officer has a verified channel and a shift still to come. */
export interface SendableCheck {
  id: string;
  schoolId: string;
  officerId: string;
  holidayName: string;
  /** The officer's next shift (not yet ended): what the message names. */
  dutyDate: string;
  shift: DutyShiftKind;
}

/** A check unconfirmed 24 hours before the officer's first shift, marked as told just now. */
export interface UntoldCheck {
  id: string;
  schoolId: string;
  officerId: string;
  officerName: string;
  /** Whether the test message went out at all (false: the officer has no verified channel). */
  sent: boolean;
  shiftId: string;
  dutyDate: string;
  shift: DutyShiftKind;
}

/** A check as its link's page needs it. */
export interface CheckByToken {
  id: string;
  schoolId: string;
  holidayId: string;
  officerId: string;
  officerName: string;
  holidayName: string;
  timezone: string;
  confirmedAt: Date | null;
  /** The link works until the holiday's last day is over (school zone). */
  expiresAt: Date;
}

/** The reachability checks of duty rosters; the job's statements work on every school at once. */
@Injectable()
export class ReachabilityCheckRepository {
  /**
   * Creates the missing check of every active officer with a shift still to come on the roster of
   * a holiday whose first rostered shift is at most 7 days away (or past), in one statement. The
   * (holiday, officer) key makes repeated or concurrent runs create each check once.
   */
  async createMissing(manager: EntityManager, now: Date): Promise<number> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO duty_reachability_checks (school_id, holiday_id, officer_id, created_at)
       SELECT h.school_id, h.id, o.officer_id, $1
         FROM school_holidays h
         JOIN schools s ON s.id = h.school_id
         CROSS JOIN LATERAL (
           SELECT d.officer_id FROM duty_shifts d JOIN users u ON u.id = d.officer_id AND u.active
            WHERE d.school_id = h.school_id AND d.duty_date BETWEEN h.starts_on AND h.ends_on
            GROUP BY d.officer_id HAVING max(d.ends_at) > $1) o
        WHERE h.starts_on <= ($1::timestamptz AT TIME ZONE s.timezone)::date + 8
          AND h.ends_on >= ($1::timestamptz AT TIME ZONE s.timezone)::date - 1
          AND (SELECT min(d.starts_at) FROM duty_shifts d WHERE d.school_id = h.school_id AND d.duty_date BETWEEN h.starts_on AND h.ends_on)
              <= $1::timestamptz + ${CHECK_LEAD}
        ORDER BY h.id, o.officer_id
       ON CONFLICT (holiday_id, officer_id) DO NOTHING
       RETURNING id`,
      [now],
    );
    return rows.length;
  }

  /**
   * Up to `limit` checks not sent yet whose officer now has a verified channel on a channel that is
   * on and a shift still to come, locked (SKIP LOCKED: instances share the work, none sends twice).
   * A test is no emergency: it waits for the end of the officer's quiet hours, though it goes out
   * like a page otherwise.
   */
  sendable(manager: EntityManager, now: Date, on: ChannelsOn, limit: number): Promise<SendableCheck[]> {
    return manager.query<SendableCheck[]>(
      `SELECT c.id, c.school_id AS "schoolId", c.officer_id AS "officerId", h.name AS "holidayName",
              next.duty_date::text AS "dutyDate", next.shift
         FROM duty_reachability_checks c
         JOIN school_holidays h ON h.id = c.holiday_id
         JOIN schools s ON s.id = c.school_id
         JOIN users u ON u.id = c.officer_id AND u.active
         JOIN staff_contacts sc ON sc.user_id = c.officer_id
         CROSS JOIN LATERAL (
           SELECT d.duty_date, d.shift FROM duty_shifts d
            WHERE ${OFFICER_HOLIDAY_SHIFTS('c.officer_id')} AND d.ends_at > $1
            ORDER BY d.starts_at LIMIT 1) next
        WHERE c.sent_at IS NULL AND ${REACHABLE_SQL('$2::boolean', '$3::boolean')} AND NOT ${IN_QUIET_HOURS_SQL('$1::timestamptz')}
        ORDER BY c.created_at, c.id
        LIMIT $4
        FOR UPDATE OF c SKIP LOCKED`,
      [now, on.email, on.sms, limit],
    );
  }

  /** Records where each test message went, with the hash of its link. */
  async markSent(manager: EntityManager, sent: { id: string; tokenHash: string; channels: PersonalChannel[] }[], now: Date): Promise<void> {
    if (sent.length === 0) return;
    await manager.query(
      `UPDATE duty_reachability_checks c
          SET token_hash = v.token_hash, channels = string_to_array(v.channels, ','), sent_at = $4
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, token_hash, channels)
        WHERE c.id = v.id AND c.sent_at IS NULL`,
      [sent.map((s) => s.id), sent.map((s) => s.tokenHash), sent.map((s) => s.channels.join(',')), now],
    );
  }

  /**
   * Marks as told, and returns, up to `limit` checks still unconfirmed 24 hours before their
   * officer's first shift of the holiday, whose administrators were not told yet: once per officer
   * and holiday, whichever instance gets there first (SKIP LOCKED, and the mark is the guard).
   */
  tellDue(manager: EntityManager, now: Date, limit: number): Promise<UntoldCheck[]> {
    return manager.query<UntoldCheck[]>(
      `WITH due AS (
         SELECT c.id, first.id AS shift_id, first.duty_date, first.shift
           FROM duty_reachability_checks c
           JOIN school_holidays h ON h.id = c.holiday_id
           CROSS JOIN LATERAL (
             SELECT d.id, d.duty_date, d.shift, d.starts_at FROM duty_shifts d
              WHERE ${OFFICER_HOLIDAY_SHIFTS('c.officer_id')}
              ORDER BY d.starts_at LIMIT 1) first
          WHERE c.confirmed_at IS NULL AND c.admins_told_at IS NULL AND first.starts_at <= $1::timestamptz + ${CONFIRM_BEFORE}
            -- Nothing to tell once the officer's last shift is over (a run after long downtime).
            AND EXISTS (SELECT 1 FROM duty_shifts d WHERE ${OFFICER_HOLIDAY_SHIFTS('c.officer_id')} AND d.ends_at > $1)
          ORDER BY c.id
          LIMIT $2
          FOR UPDATE OF c SKIP LOCKED
       ), told AS (
         UPDATE duty_reachability_checks c SET admins_told_at = $1 FROM due WHERE c.id = due.id
         RETURNING c.id, c.school_id, c.officer_id, c.sent_at
       )
       SELECT told.id, told.school_id AS "schoolId", told.officer_id AS "officerId", u.display_name AS "officerName",
              (told.sent_at IS NOT NULL) AS sent, due.shift_id AS "shiftId", due.duty_date::text AS "dutyDate", due.shift
         FROM told JOIN due ON due.id = told.id JOIN users u ON u.id = told.officer_id
        ORDER BY told.school_id, told.id`,
      [now, limit],
    );
  }

  /** The check behind a link, its officer still active; locked when about to confirm it. */
  async findByTokenHash(manager: EntityManager, tokenHash: string, lock: boolean): Promise<CheckByToken | undefined> {
    const [row] = await manager.query<CheckByToken[]>(
      `SELECT c.id, c.school_id AS "schoolId", c.holiday_id AS "holidayId", c.officer_id AS "officerId", c.confirmed_at AS "confirmedAt",
              u.display_name AS "officerName", h.name AS "holidayName", s.timezone,
              ((h.ends_on + 1)::timestamp AT TIME ZONE s.timezone) AS "expiresAt"
         FROM duty_reachability_checks c
         JOIN users u ON u.id = c.officer_id AND u.active
         JOIN school_holidays h ON h.id = c.holiday_id
         JOIN schools s ON s.id = c.school_id
        WHERE c.token_hash = $1
        ${lock ? 'FOR UPDATE OF c' : ''}`,
      [tokenHash],
    );
    return row;
  }

  /** Stamps the confirmation; false when it was confirmed already. */
  async confirm(manager: EntityManager, checkId: string, at: Date): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `WITH confirmed AS (UPDATE duty_reachability_checks SET confirmed_at = $2 WHERE id = $1 AND confirmed_at IS NULL RETURNING id)
       SELECT id FROM confirmed`,
      [checkId, at],
    );
    return rows.length > 0;
  }
}
