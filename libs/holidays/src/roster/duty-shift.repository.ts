import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictProblem, isUniqueViolation, validationProblem } from '#core';
import { DUTY_SHIFT_UNIQUE } from '../entities/duty-shift.entity.js';
import { type ChannelsOn, CONFIRM_BEFORE, OFFICER_HOLIDAY_SHIFTS, REACHABLE_SQL } from '../reachability/reachability.sql.js';
import type { DutyRosterGap, DutyShiftView } from './duty-roster.dtos.js';
import { DUTY_ELIGIBLE_ROLES, DUTY_SHIFTS, type DutyShiftKind, shiftEndSql, shiftStartSql } from './duty-shift-hours.js';

/** One of an officer's shifts, as the reachability page lists them. */
export type OfficerShift = Pick<DutyShiftView, 'id' | 'dutyDate' | 'shift' | 'startsAt' | 'endsAt'>;

/** A shift as stored: the notes still encrypted. */
export type DutyShiftRow = DutyShiftView;
export type DutyShiftChanges = Partial<Pick<DutyShiftRow, 'officerId' | 'phone' | 'handoverNotes'>>;

const SHIFT_COLUMNS = `d.id, d.duty_date::text AS "dutyDate", d.shift, d.officer_id AS "officerId", u.display_name AS "officerName", d.phone,
  d.starts_at AS "startsAt", d.ends_at AS "endsAt", d.last_confirmed_reachable_at AS "lastConfirmedReachableAt",
  d.handover_notes AS "handoverNotes", d.created_at AS "createdAt", d.updated_at AS "updatedAt", d.version`;
const CHANGE_COLUMNS: Record<keyof DutyShiftChanges, string> = { officerId: 'officer_id', phone: 'phone', handoverNotes: 'handover_notes' };

const shiftTaken = () => new ConflictProblem('duty_shift.taken', 'The roster already has this shift on this day');
const ineligibleOfficer = () =>
  validationProblem([{ field: 'officerId', message: 'must be an active staff member of the school whose role can acknowledge alerts' }]);

/** The duty roster; every query is scoped to the school. */
@Injectable()
export class DutyShiftRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts the shift with its instants in the school's zone; 400 when the officer may not stand duty. */
  async insert(
    manager: EntityManager,
    shift: { id: string; schoolId: string; dutyDate: string; shift: DutyShiftKind; officerId: string; phone: string; handoverNotes: string | null; at: Date },
  ): Promise<void> {
    try {
      const rows = await manager.query<{ id: string }[]>(
        `INSERT INTO duty_shifts (id, school_id, duty_date, shift, officer_id, phone, handover_notes, starts_at, ends_at, created_at, updated_at)
         SELECT $1, s.id, $3::date, $4, u.id, $6, $7, ${shiftStartSql('$3::date', '$4::text', 's.timezone')}, ${shiftEndSql('$3::date', '$4::text', 's.timezone')}, $8, $8
           FROM schools s JOIN users u ON u.school_id = s.id
          WHERE s.id = $2 AND u.id = $5 AND u.active AND u.role = ANY($9)
         RETURNING id`,
        [shift.id, shift.schoolId, shift.dutyDate, shift.shift, shift.officerId, shift.phone, shift.handoverNotes, shift.at, DUTY_ELIGIBLE_ROLES],
      );
      if (rows.length === 0) throw ineligibleOfficer();
    } catch (error) {
      if (isUniqueViolation(error, DUTY_SHIFT_UNIQUE)) throw shiftTaken();
      throw error;
    }
  }

  async findInSchool(schoolId: string, shiftId: string, manager: EntityManager = this.dataSource.manager): Promise<DutyShiftRow | null> {
    const rows = await manager.query<DutyShiftRow[]>(
      `SELECT ${SHIFT_COLUMNS} FROM duty_shifts d JOIN users u ON u.id = d.officer_id WHERE d.id = $1 AND d.school_id = $2`,
      [shiftId, schoolId],
    );
    return rows[0] ?? null;
  }

  /** The shifts of the days from..to (inclusive), by day and shift; optionally one officer's only. */
  listBetween(schoolId: string, range: { from: string; to: string; officerId?: string }): Promise<DutyShiftRow[]> {
    return this.dataSource.query<DutyShiftRow[]>(
      `SELECT ${SHIFT_COLUMNS} FROM duty_shifts d JOIN users u ON u.id = d.officer_id
        WHERE d.school_id = $1 AND d.duty_date BETWEEN $2::date AND $3::date AND ($4::uuid IS NULL OR d.officer_id = $4)
        ORDER BY d.starts_at, d.id`,
      [schoolId, range.from, range.to, range.officerId ?? null],
    );
  }

  /**
   * The holiday's gaps in one set-based query, by day and shift: every (day, shift) with no officer,
   * every officer whose reachability check was not confirmed 24 hours before their first shift of
   * the holiday, and every officer no channel that is on reaches (no verified address, or no longer
   * active), whenever their shift is. Null when there is no such holiday.
   */
  async gapsOfHoliday(schoolId: string, holidayId: string, now: Date, on: ChannelsOn): Promise<DutyRosterGap[] | null> {
    const rows = await this.dataSource.query<(Omit<DutyRosterGap, 'kind'> & { kind: DutyRosterGap['kind'] | null })[]>(
      `SELECT g.kind, g.date, g.shift, g.shift_id AS "shiftId", g.officer_id AS "officerId", g.officer_name AS "officerName", g.confirm_by AS "confirmBy"
         FROM school_holidays h
         LEFT JOIN LATERAL (
           SELECT 'unfilled_shift'::text AS kind, day::date::text AS date, s.shift, s.ord, NULL::uuid AS shift_id, NULL::uuid AS officer_id,
                  NULL::text AS officer_name, NULL::timestamptz AS confirm_by
             FROM generate_series(h.starts_on, h.ends_on, interval '1 day') AS day
             CROSS JOIN unnest($3::text[]) WITH ORDINALITY AS s(shift, ord)
            WHERE NOT EXISTS (SELECT 1 FROM duty_shifts d WHERE d.school_id = h.school_id AND d.duty_date = day::date AND d.shift = s.shift)
           UNION ALL
           SELECT CASE WHEN NOT reach.reachable THEN 'unreachable_officer' ELSE 'unconfirmed_officer' END,
                  f.duty_date::text, f.shift, array_position($3::text[], f.shift), f.id, f.officer_id, u.display_name, f.starts_at - ${CONFIRM_BEFORE}
             FROM (SELECT DISTINCT ON (d.officer_id) d.id, d.officer_id, d.duty_date, d.shift, d.starts_at
                     FROM duty_shifts d WHERE d.school_id = h.school_id AND d.duty_date BETWEEN h.starts_on AND h.ends_on
                    ORDER BY d.officer_id, d.starts_at) f
             JOIN users u ON u.id = f.officer_id
             LEFT JOIN staff_contacts sc ON sc.user_id = f.officer_id
             LEFT JOIN duty_reachability_checks c ON c.holiday_id = h.id AND c.officer_id = f.officer_id
             CROSS JOIN LATERAL (SELECT u.active AND ${REACHABLE_SQL('$4::boolean', '$5::boolean')} AS reachable) reach
            WHERE NOT reach.reachable OR (c.confirmed_at IS NULL AND f.starts_at - ${CONFIRM_BEFORE} <= $6::timestamptz)) g ON true
        WHERE h.id = $1 AND h.school_id = $2
        ORDER BY g.date, g.ord, g.officer_name, g.officer_id`,
      [holidayId, schoolId, DUTY_SHIFTS, on.email, on.sms, now],
    );
    if (rows.length === 0) return null;
    return rows.filter((r): r is DutyRosterGap => r.kind !== null);
  }

  /** The officer's shifts of the holiday, in time order. */
  shiftsOfOfficerInHoliday(manager: EntityManager, schoolId: string, officerId: string, holidayId: string): Promise<OfficerShift[]> {
    return manager.query<OfficerShift[]>(
      `SELECT d.id, d.duty_date::text AS "dutyDate", d.shift, d.starts_at AS "startsAt", d.ends_at AS "endsAt"
         FROM school_holidays h JOIN duty_shifts d ON ${OFFICER_HOLIDAY_SHIFTS('$2')}
        WHERE h.id = $3 AND h.school_id = $1
        ORDER BY d.starts_at, d.id`,
      [schoolId, officerId, holidayId],
    );
  }

  /** Stamps the officer's confirmation on every shift of theirs in the holiday; the ids stamped. */
  async confirmReachableInHoliday(manager: EntityManager, schoolId: string, officerId: string, holidayId: string, at: Date): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `WITH confirmed AS (
         UPDATE duty_shifts d SET last_confirmed_reachable_at = $4
           FROM school_holidays h
          WHERE h.id = $3 AND h.school_id = $1 AND ${OFFICER_HOLIDAY_SHIFTS('$2')}
          RETURNING d.id, d.starts_at)
       SELECT id FROM confirmed ORDER BY starts_at, id`,
      [schoolId, officerId, holidayId, at],
    );
    return rows.map((r) => r.id);
  }

  /** Applies the changes only at `version`; false when someone changed the shift first. */
  async updateAtVersion(manager: EntityManager, schoolId: string, shiftId: string, version: number, changes: DutyShiftChanges, at: Date): Promise<boolean> {
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined) as [keyof DutyShiftChanges, unknown][];
    const sets = entries.map(([field], i) => `${CHANGE_COLUMNS[field]} = $${i + 6}`);
    const rows = await manager.query<{ id: string; eligible: boolean }[]>(
      `WITH updated AS (
         UPDATE duty_shifts d SET ${[...sets, 'updated_at = $4', 'version = version + 1'].join(', ')}
          WHERE d.id = $1 AND d.school_id = $2 AND d.version = $3
          RETURNING d.officer_id)
       SELECT EXISTS (SELECT 1 FROM users u WHERE u.id = updated.officer_id AND u.school_id = $2 AND u.active AND u.role = ANY($5)) AS eligible
         FROM updated`,
      [shiftId, schoolId, version, at, DUTY_ELIGIBLE_ROLES, ...entries.map(([, value]) => value)],
    );
    // Raising rolls the transaction back, so an ineligible officer never lands on the roster.
    if (rows.length > 0 && !rows[0].eligible) throw ineligibleOfficer();
    return rows.length > 0;
  }

  /** Stamps the officer's confirmation; false when the shift is not theirs (or not this school's). */
  async confirmReachable(manager: EntityManager, schoolId: string, shiftId: string, officerId: string, at: Date): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `WITH confirmed AS (
         UPDATE duty_shifts SET last_confirmed_reachable_at = $4
          WHERE id = $1 AND school_id = $2 AND officer_id = $3
          RETURNING id)
       SELECT id FROM confirmed`,
      [shiftId, schoolId, officerId, at],
    );
    return rows.length > 0;
  }
}
