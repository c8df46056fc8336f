import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { decodeCursorAs, type PageQuery } from '#core';
import type { Caller } from '#access';
import { SqlParameters, visibleStudentsCondition } from '#org';
import type { SessionMode } from '../availability/availability.js';
import type { RequestReason } from '../entities/appointment.entity.js';
import type { AppointmentStatus } from './appointment-status.js';

export interface AppointmentRow {
  id: string;
  schoolId: string;
  studentId: string;
  studentName: string;
  className: string;
  counselorId: string | null;
  counselorName: string | null;
  status: AppointmentStatus;
  startsAt: Date | null;
  endsAt: Date | null;
  mode: SessionMode | null;
  place: string | null;
  requestedBy: string;
  requestedAt: Date | null;
  requestedCounselorId: string | null;
  requestReason: RequestReason | null;
  preferredFrom: Date | null;
  preferredTo: Date | null;
  offerExpiresAt: Date | null;
  caseId: string | null;
  rescheduledFrom: string | null;
  rescheduledTo: string | null;
  cancelledBy: string | null;
  cancelledAt: Date | null;
  /** Still encrypted; the service decrypts for those who may read it. */
  cancellationReason: string | null;
  outcomeRecordedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface AppointmentListFilter {
  status?: AppointmentStatus[];
  studentId?: string;
  /** A start time range (a day's sessions): rows without a start time never match it. */
  startsFrom?: Date;
  startsBefore?: Date;
}

export interface NewAppointment {
  id: string;
  schoolId: string;
  studentId: string;
  counselorId: string | null;
  status: 'requested' | 'scheduled';
  startsAt: Date | null;
  endsAt: Date | null;
  mode: SessionMode | null;
  place: string | null;
  requestedBy: string;
  requestedAt: Date | null;
  requestedCounselorId: string | null;
  requestReason: RequestReason | null;
  preferredFrom: Date | null;
  preferredTo: Date | null;
  caseId: string | null;
  rescheduledFrom: string | null;
  at: Date;
}

export type AppointmentChanges = Partial<{
  status: AppointmentStatus;
  counselorId: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
  mode: SessionMode | null;
  place: string | null;
  offerExpiresAt: Date | null;
  caseId: string | null;
  rescheduledTo: string | null;
  cancelledBy: string | null;
  cancelledAt: Date | null;
  cancellationReason: string | null;
  outcomeRecordedAt: Date | null;
}>;

const CHANGE_COLUMNS: Record<keyof AppointmentChanges, string> = {
  status: 'status',
  counselorId: 'counselor_id',
  startsAt: 'starts_at',
  endsAt: 'ends_at',
  mode: 'mode',
  place: 'place',
  offerExpiresAt: 'offer_expires_at',
  caseId: 'case_id',
  rescheduledTo: 'rescheduled_to',
  cancelledBy: 'cancelled_by',
  cancelledAt: 'cancelled_at',
  cancellationReason: 'cancellation_reason',
  outcomeRecordedAt: 'outcome_recorded_at',
};

export const APPOINTMENT_COLUMNS = `a.id, a.school_id AS "schoolId", a.student_id AS "studentId", s.name AS "studentName", c.name AS "className",
  a.counselor_id AS "counselorId", u.display_name AS "counselorName", a.status, a.starts_at AS "startsAt", a.ends_at AS "endsAt",
  a.mode, a.place, a.requested_by AS "requestedBy", a.requested_at AS "requestedAt", a.requested_counselor_id AS "requestedCounselorId",
  a.request_reason AS "requestReason", a.preferred_from AS "preferredFrom", a.preferred_to AS "preferredTo",
  a.offer_expires_at AS "offerExpiresAt", a.case_id AS "caseId", a.rescheduled_from AS "rescheduledFrom",
  a.rescheduled_to AS "rescheduledTo", a.cancelled_by AS "cancelledBy", a.cancelled_at AS "cancelledAt",
  a.cancellation_reason AS "cancellationReason", a.outcome_recorded_at AS "outcomeRecordedAt", a.created_at AS "createdAt",
  a.updated_at AS "updatedAt", a.version`;

const APPOINTMENT_FROM = `appointments a JOIN students s ON s.id = a.student_id JOIN classes c ON c.id = s.class_id
  LEFT JOIN users u ON u.id = a.counselor_id`;

/**
 * Which appointments a caller reaches: a counselor their own sessions and the requests waiting
 * for any counselor; a class teacher only the requests they made; nobody else any.
 */
export function reachableAppointmentsCondition(caller: Caller, bind: (value: unknown) => string): string {
  const ofSchool = `a.school_id = ${bind(caller.schoolId)}`;
  switch (caller.role) {
    case 'counselor':
    case 'counseling_lead': {
      const me = bind(caller.userId);
      return `${ofSchool} AND (a.counselor_id = ${me} OR (a.counselor_id IS NULL AND a.status = 'requested'))`;
    }
    case 'class_teacher':
      return `${ofSchool} AND a.requested_by = ${bind(caller.userId)}`;
    default:
      return 'FALSE';
  }
}

/** The advisory lock of one calendar (a counselor's or a student's): their ids are UUIDs, so one namespace holds both. */
export const calendarLockKey = (id: string) => `hashtextextended('calendar:' || ${id}, 0)`;

@Injectable()
export class AppointmentRepository {
  /**
   * Locks the calendars a write of appointment times touches (its counselor's and student's) until
   * the transaction ends, in id order. Two bookings sharing a counselor or a student then queue at
   * the first lock they share, instead of each waiting for the other inside one of the two
   * exclusion constraints (a deadlock, SQLSTATE 40P01). Take it before any other write.
   */
  async lockCalendars(manager: EntityManager, ids: readonly (string | null)[]): Promise<void> {
    await manager.query(
      `SELECT pg_advisory_xact_lock(${calendarLockKey('id::text')}) FROM (SELECT DISTINCT unnest($1::uuid[]) AS id) ids ORDER BY id`,
      [ids.filter((id): id is string => id !== null)],
    );
  }

  /**
   * Takes a calendar's lock if nobody else holds it (a transaction's own locks count as free):
   * for writes that may skip the calendar rather than wait for it out of order.
   */
  async tryLockCalendar(manager: EntityManager, id: string): Promise<boolean> {
    const [row] = await manager.query<{ locked: boolean }[]>(`SELECT pg_try_advisory_xact_lock(${calendarLockKey('$1::text')}) AS locked`, [id]);
    return row.locked;
  }

  /** The student, if the caller may book or request for them (a class teacher: their current classes only). */
  async findBookableStudent(manager: EntityManager, caller: Caller, studentId: string): Promise<{ id: string } | null> {
    const params = new SqlParameters();
    const rows = await manager.query<{ id: string }[]>(
      `SELECT s.id FROM students s WHERE s.id = ${params.bind(studentId)} AND ${visibleStudentsCondition(caller, 's', params.bind)}`,
      params.values,
    );
    return rows[0] ?? null;
  }

  async findReachable(manager: EntityManager, caller: Caller, appointmentId: string): Promise<AppointmentRow | null> {
    const params = new SqlParameters();
    const rows = await manager.query<AppointmentRow[]>(
      `SELECT ${APPOINTMENT_COLUMNS} FROM ${APPOINTMENT_FROM}
        WHERE a.id = ${params.bind(appointmentId)} AND ${reachableAppointmentsCondition(caller, params.bind)}`,
      params.values,
    );
    return rows[0] ?? null;
  }

  /** Newest first. */
  async listReachable(manager: EntityManager, caller: Caller, filter: AppointmentListFilter, page: PageQuery): Promise<AppointmentRow[]> {
    const params = new SqlParameters();
    const where = [reachableAppointmentsCondition(caller, params.bind)];
    if (filter.status?.length) where.push(`a.status = ANY(${params.bind(filter.status)}::text[])`);
    if (filter.studentId) where.push(`a.student_id = ${params.bind(filter.studentId)}`);
    if (filter.startsFrom) where.push(`a.starts_at >= ${params.bind(filter.startsFrom)}::timestamptz`);
    if (filter.startsBefore) where.push(`a.starts_at < ${params.bind(filter.startsBefore)}::timestamptz`);
    if (page.cursor) {
      const [createdAt, id] = decodeCursorAs(page.cursor, ['timestamptz', 'uuid']);
      where.push(`(a.created_at, a.id) < (${params.bind(createdAt)}::timestamptz, ${params.bind(id)}::uuid)`);
    }
    return manager.query<AppointmentRow[]>(
      `SELECT ${APPOINTMENT_COLUMNS} FROM ${APPOINTMENT_FROM}
        WHERE ${where.join(' AND ')}
        ORDER BY a.created_at DESC, a.id DESC
        LIMIT ${params.bind(page.limit + 1)}`,
      params.values,
    );
  }

  async insert(manager: EntityManager, a: NewAppointment): Promise<void> {
    await manager.query(
      `INSERT INTO appointments (id, school_id, student_id, counselor_id, status, starts_at, ends_at, mode, place, requested_by,
         requested_at, requested_counselor_id, request_reason, preferred_from, preferred_to, case_id, rescheduled_from, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18)`,
      [
        a.id,
        a.schoolId,
        a.studentId,
        a.counselorId,
        a.status,
        a.startsAt,
        a.endsAt,
        a.mode,
        a.place,
        a.requestedBy,
        a.requestedAt,
        a.requestedCounselorId,
        a.requestReason,
        a.preferredFrom,
        a.preferredTo,
        a.caseId,
        a.rescheduledFrom,
        a.at,
      ],
    );
  }

  /**
   * Applies the changes only if the appointment is still at `version` and in one of `from`; the
   * new version, or null when it moved meanwhile (the caller answers 409 and nothing changed).
   */
  async updateIfCurrent(
    manager: EntityManager,
    target: { id: string; version: number; from: readonly AppointmentStatus[] },
    changes: AppointmentChanges,
    at: Date,
  ): Promise<number | null> {
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined) as [keyof AppointmentChanges, unknown][];
    const sets = entries.map(([field], i) => `${CHANGE_COLUMNS[field]} = $${i + 5}`);
    const rows = await manager.query<{ version: number }[]>(
      `WITH updated AS (
         UPDATE appointments SET ${[...sets, 'updated_at = $4', 'version = version + 1'].join(', ')}
          WHERE id = $1 AND version = $2 AND status = ANY($3::text[])
          RETURNING version)
       SELECT version FROM updated`,
      [target.id, target.version, target.from, at, ...entries.map(([, value]) => value)],
    );
    return rows[0]?.version ?? null;
  }

  /** The student's current risk level: `none` when the register has no row for them. */
  async riskLevelOf(manager: EntityManager, studentId: string): Promise<string> {
    const rows = await manager.query<{ level: string }[]>('SELECT level FROM student_risk WHERE student_id = $1', [studentId]);
    return rows[0]?.level ?? 'none';
  }

  /** For a 409: the holding appointment of this counselor (or student) that overlaps the slot, if any is left. */
  async findOverlapping(manager: EntityManager, owner: { column: 'counselor_id' | 'student_id'; id: string }, slot: { startsAt: Date; endsAt: Date }): Promise<{ startsAt: Date; endsAt: Date } | null> {
    const rows = await manager.query<{ startsAt: Date; endsAt: Date }[]>(
      `SELECT starts_at AS "startsAt", ends_at AS "endsAt" FROM appointments
        WHERE ${owner.column} = $1 AND status IN ('scheduled', 'offered')
          AND tstzrange(starts_at, ends_at, '[)') && tstzrange($2::timestamptz, $3::timestamptz, '[)')
        ORDER BY starts_at LIMIT 1`,
      [owner.id, slot.startsAt, slot.endsAt],
    );
    return rows[0] ?? null;
  }
}
