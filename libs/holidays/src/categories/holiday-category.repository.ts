import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { decodeCursorAs, type PageQuery } from '#core';
import type { Caller } from '#access';
import { classScopeOf, SqlParameters, visibleStudentsCondition } from '#org';
import type { Whereabouts } from '../entities/holiday-category.entity.js';
import type { HolidayCategoryView, UnregisteredStudentView } from './holiday-categories.dtos.js';

/** A registration as stored: the free text still encrypted. */
export type HolidayCategoryRow = HolidayCategoryView;

export interface HolidayCategoryValues {
  whereabouts: Whereabouts;
  employer: string | null;
  place: string | null;
  description: string | null;
  disasterAffected: boolean;
  contactPhone: string;
  guardianConfirmed: boolean;
  guardianConfirmedAt: Date | null;
}

/** Rows of a list, or null when the holiday is not the school's: one query answers both. */
export type ListResult<T> = T[] | null;

const CATEGORY_COLUMNS = `hc.id, hc.holiday_id AS "holidayId", hc.student_id AS "studentId", s.name AS "studentName", s.student_number AS "studentNumber",
  c.id AS "classId", c.name AS "className", hc.whereabouts, hc.employer, hc.place, hc.description, hc.disaster_affected AS "disasterAffected",
  hc.contact_phone AS "contactPhone", hc.guardian_confirmed AS "guardianConfirmed", hc.guardian_confirmed_at AS "guardianConfirmedAt",
  hc.created_at AS "createdAt", hc.updated_at AS "updatedAt", hc.version`;

/** Lists run in class, name, id order; the cursor is the last row's (class name, student name, id). */
const LIST_ORDER = 'c.name, s.name, s.id';
const LIST_CURSOR_CASTS = ['', '', 'uuid'];

export const AT_RISK_LEVELS = ['high', 'critical'];

function keysetCondition(page: PageQuery, params: SqlParameters): string | null {
  if (!page.cursor) return null;
  const [className, studentName, id] = decodeCursorAs(page.cursor, LIST_CURSOR_CASTS);
  return `(c.name, s.name, s.id) > (${params.bind(className)}::text, ${params.bind(studentName)}::text, ${params.bind(id)}::uuid)`;
}

/**
 * Wraps a list of the holiday's rows in a lateral join on the holiday, so one query tells both
 * "no such holiday (here)" (no row) and "an empty list" (one row of nulls).
 */
function withinHoliday(params: SqlParameters, schoolId: string, holidayId: string, inner: string, extraFrom = ''): string {
  return `SELECT x.* FROM school_holidays h ${extraFrom}
            LEFT JOIN LATERAL (${inner}) x ON true
           WHERE h.id = ${params.bind(holidayId)} AND h.school_id = ${params.bind(schoolId)}`;
}

function present<T extends { studentId: string | null }>(rows: T[]): ListResult<T> {
  if (rows.length === 0) return null;
  return rows.filter((row) => row.studentId !== null);
}

/** Holiday categories; every query is scoped to the school and, for students, to the caller's reach. */
@Injectable()
export class HolidayCategoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}



  /** The student's registration for the holiday, locked for the write. */
  async findForUpdate(manager: EntityManager, schoolId: string, holidayId: string, studentId: string): Promise<HolidayCategoryRow | null> {
    const rows = await manager.query<HolidayCategoryRow[]>(
      `SELECT ${CATEGORY_COLUMNS} FROM holiday_categories hc JOIN students s ON s.id = hc.student_id JOIN classes c ON c.id = s.class_id
        WHERE hc.holiday_id = $1 AND hc.student_id = $2 AND hc.school_id = $3
          FOR UPDATE OF hc`,
      [holidayId, studentId, schoolId],
    );
    return rows[0] ?? null;
  }

  /** Inserts the first registration; false when someone registered the student first. */
  async insert(
    manager: EntityManager,
    row: { id: string; schoolId: string; holidayId: string; studentId: string; userId: string; at: Date } & HolidayCategoryValues,
  ): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO holiday_categories (id, school_id, holiday_id, student_id, whereabouts, employer, place, description, disaster_affected,
                                       contact_phone, guardian_confirmed, guardian_confirmed_at, updated_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
       ON CONFLICT ON CONSTRAINT holiday_categories_holiday_student_key DO NOTHING
       RETURNING id`,
      [
        row.id,
        row.schoolId,
        row.holidayId,
        row.studentId,
        ...valueParameters(row),
        row.userId,
        row.at,
      ],
    );
    return rows.length > 0;
  }

  /** Replaces the registration only at `version`; false when someone changed it first. */
  async replaceAtVersion(
    manager: EntityManager,
    row: { id: string; schoolId: string; version: number; userId: string; at: Date } & HolidayCategoryValues,
  ): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `WITH replaced AS (
         UPDATE holiday_categories
            SET whereabouts = $4, employer = $5, place = $6, description = $7, disaster_affected = $8, contact_phone = $9,
                guardian_confirmed = $10, guardian_confirmed_at = $11, updated_by = $12, updated_at = $13, version = version + 1
          WHERE id = $1 AND school_id = $2 AND version = $3
          RETURNING id)
       SELECT id FROM replaced`,
      [
        row.id,
        row.schoolId,
        row.version,
        ...valueParameters(row),
        row.userId,
        row.at,
      ],
    );
    return rows.length > 0;
  }

  /** The holiday's registrations of the students the caller reaches; null when no such holiday. */
  async listVisible(
    caller: Caller,
    holidayId: string,
    filter: { classId?: string; whereabouts?: Whereabouts[]; atRisk?: boolean },
    page: PageQuery,
  ): Promise<ListResult<HolidayCategoryRow>> {
    const params = new SqlParameters();
    const where = ['hc.holiday_id = h.id', 'hc.school_id = h.school_id', visibleStudentsCondition(caller, 's', params.bind)];
    if (filter.classId) where.push(`s.class_id = ${params.bind(filter.classId)}`);
    if (filter.whereabouts?.length) where.push(`hc.whereabouts = ANY(${params.bind(filter.whereabouts)}::text[])`);
    if (filter.atRisk) {
      where.push(`EXISTS (SELECT 1 FROM student_risk r WHERE r.student_id = s.id AND r.school_id = s.school_id AND r.level = ANY(${params.bind(AT_RISK_LEVELS)}::text[]))`);
    }
    const keyset = keysetCondition(page, params);
    if (keyset) where.push(keyset);
    const inner = `SELECT ${CATEGORY_COLUMNS} FROM holiday_categories hc JOIN students s ON s.id = hc.student_id JOIN classes c ON c.id = s.class_id
                    WHERE ${where.join(' AND ')} ORDER BY ${LIST_ORDER} LIMIT ${params.bind(page.limit + 1)}`;
    const sql = withinHoliday(params, caller.schoolId, holidayId, inner);
    return present(await this.dataSource.query<HolidayCategoryRow[]>(sql, params.values));
  }

  /**
   * The enrolled students of the class with no registration for the holiday, in one query; null
   * when the holiday, or the class, is not one the caller reaches (a class teacher: their own).
   */
  async unregistered(caller: Caller, holidayId: string, classId: string, page: PageQuery): Promise<ListResult<UnregisteredStudentView>> {
    const params = new SqlParameters();
    const where = [
      's.class_id = c.id',
      `s.status = 'enrolled'`,
      visibleStudentsCondition(caller, 's', params.bind),
      'NOT EXISTS (SELECT 1 FROM holiday_categories hc WHERE hc.holiday_id = h.id AND hc.student_id = s.id)',
    ];
    const keyset = keysetCondition(page, params);
    if (keyset) where.push(keyset);
    const inner = `SELECT s.id AS "studentId", s.name AS "studentName", s.student_number AS "studentNumber", c.id AS "classId", c.name AS "className"
                     FROM students s WHERE ${where.join(' AND ')} ORDER BY ${LIST_ORDER} LIMIT ${params.bind(page.limit + 1)}`;
    // The class must be the school's and, for a class teacher, one they currently teach.
    const { teacherId } = classScopeOf(caller);
    const classInScope = teacherId
      ? ` AND EXISTS (SELECT 1 FROM class_teacher_assignments cta WHERE cta.class_id = c.id AND cta.user_id = ${params.bind(teacherId)} AND cta.ended_at IS NULL)`
      : '';
    const sql = withinHoliday(params, caller.schoolId, holidayId, inner, `JOIN classes c ON c.id = ${params.bind(classId)} AND c.school_id = h.school_id${classInScope}`);
    return present(await this.dataSource.query<UnregisteredStudentView[]>(sql, params.values));
  }

  /** The school's students on campus or on internships over the holiday; null when no such holiday. */
  async onSite(schoolId: string, holidayId: string, page: PageQuery): Promise<ListResult<HolidayCategoryRow>> {
    const params = new SqlParameters();
    const where = ['hc.holiday_id = h.id', 'hc.school_id = h.school_id', `hc.whereabouts IN ('on_campus', 'internship')`];
    const keyset = keysetCondition(page, params);
    if (keyset) where.push(keyset);
    const inner = `SELECT ${CATEGORY_COLUMNS} FROM holiday_categories hc JOIN students s ON s.id = hc.student_id JOIN classes c ON c.id = s.class_id
                    WHERE ${where.join(' AND ')} ORDER BY ${LIST_ORDER} LIMIT ${params.bind(page.limit + 1)}`;
    return present(await this.dataSource.query<HolidayCategoryRow[]>(withinHoliday(params, schoolId, holidayId, inner), params.values));
  }
}

/** The registration's values in column order, shared by the insert and the versioned replace. */
function valueParameters(values: HolidayCategoryValues): unknown[] {
  return [
    values.whereabouts,
    values.employer,
    values.place,
    values.description,
    values.disasterAffected,
    values.contactPhone,
    values.guardianConfirmed,
    values.guardianConfirmedAt,
  ];
}
