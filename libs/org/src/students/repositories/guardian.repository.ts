import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { decodeCursorAs, isUniqueViolation, type Page, type PageQuery, toPage } from '#core';
import type { CreateGuardianDto } from '../dtos/create-guardian.dto.js';
import type { GuardianView } from '../dtos/student.views.js';
import type { GuardianChanges } from '../dtos/update-guardian.dto.js';
import { type ColumnMap, conditionalUpdateClauses } from '../rules/conditional-update.js';
import { guardianVersionConflict } from '../rules/student-problems.js';
import { SqlParameters } from '../rules/sql-parameters.js';

const GUARDIAN_COLUMNS = `g.id, g.student_id AS "studentId", g.name, g.relation, g.phone, g.is_primary AS "isPrimary", g.version`;

/** The partial unique index (migration 1795826000000) that allows one primary guardian per student. */
const ONE_PRIMARY_KEY = 'guardians_one_primary_key';

/**
 * The service locks the student first, so another primary appears only through a writer that
 * does not (the CSV import): to the caller that is a concurrent change, the same 409 as a stale
 * version.
 */
async function primaryGuardedQuery<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error, ONE_PRIMARY_KEY)) throw guardianVersionConflict();
    throw error;
  }
}

const UPDATABLE_COLUMNS: ColumnMap<keyof GuardianChanges> = {
  name: ['name', 'text'],
  relation: ['relation', 'text'],
  phone: ['phone', 'text'],
  isPrimary: ['is_primary', 'boolean'],
};

/**
 * Guardian rows of one student. Callers first establish that the student is visible to them
 * (StudentRepository.findVisibleById / lockVisibleById, scope in SQL); these queries then stay
 * within that student and school.
 */
@Injectable()
export class GuardianRepository {
  /** Guardians in the order they were added, as the (student_id, created_at, id) index holds them. */
  async listOfStudent(manager: EntityManager, schoolId: string, studentId: string, page: PageQuery): Promise<Page<GuardianView>> {
    const p = new SqlParameters();
    const where = [`g.school_id = ${p.bind(schoolId)}`, `g.student_id = ${p.bind(studentId)}`];
    if (page.cursor) {
      const [createdAt, id] = decodeCursorAs(page.cursor, ['timestamptz', 'uuid']);
      where.push(`(g.created_at, g.id) > (${p.bind(createdAt)}::timestamptz, ${p.bind(id)}::uuid)`);
    }
    const rows = await manager.query<(GuardianView & { createdAt: Date })[]>(
      `SELECT ${GUARDIAN_COLUMNS}, g.created_at AS "createdAt" FROM guardians g
        WHERE ${where.join(' AND ')} ORDER BY g.created_at, g.id LIMIT ${p.bind(page.limit + 1)}`,
      p.values,
    );
    return toPage(
      rows,
      page,
      (row) => [row.createdAt.toISOString(), row.id],
      ({ createdAt: _createdAt, ...guardian }) => guardian,
    );
  }

  /** Every guardian of the student, the primary one first: the student detail shows them all. */
  async findAllOfStudent(manager: EntityManager, schoolId: string, studentId: string): Promise<GuardianView[]> {
    return manager.query<GuardianView[]>(
      `SELECT ${GUARDIAN_COLUMNS} FROM guardians g
        WHERE g.school_id = $1 AND g.student_id = $2 ORDER BY g.is_primary DESC, g.created_at, g.id`,
      [schoolId, studentId],
    );
  }

  async findOfStudent(manager: EntityManager, schoolId: string, studentId: string, guardianId: string): Promise<GuardianView | null> {
    const rows = await manager.query<GuardianView[]>(
      `SELECT ${GUARDIAN_COLUMNS} FROM guardians g WHERE g.id = $3 AND g.school_id = $1 AND g.student_id = $2`,
      [schoolId, studentId, guardianId],
    );
    return rows[0] ?? null;
  }

  async insertForStudent(manager: EntityManager, schoolId: string, studentId: string, values: CreateGuardianDto): Promise<GuardianView> {
    const [row] = await primaryGuardedQuery(() =>
      manager.query<GuardianView[]>(
        `INSERT INTO guardians AS g (school_id, student_id, name, relation, phone, is_primary)
         VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING ${GUARDIAN_COLUMNS}`,
        [schoolId, studentId, values.name, values.relation, values.phone, values.isPrimary ?? false],
      ),
    );
    return row;
  }

  /**
   * Keeps "one primary guardian per student": the others (all of them when `keptId` is null) stop
   * being primary and get a new version. Called before a guardian becomes primary: the unique
   * index is checked row by row, so the old primary must go first.
   */
  async clearOtherPrimaries(manager: EntityManager, schoolId: string, studentId: string, keptId: string | null): Promise<string[]> {
    // In CTEs: TypeORM answers a bare UPDATE or DELETE with [rows, count] rather than rows.
    const rows = await manager.query<{ id: string }[]>(
      `WITH demoted AS (
         UPDATE guardians SET is_primary = false, version = version + 1, updated_at = now()
          WHERE school_id = $1 AND student_id = $2 AND id IS DISTINCT FROM $3::uuid AND is_primary
         RETURNING id)
       SELECT id FROM demoted`,
      [schoolId, studentId, keptId],
    );
    return rows.map((row) => row.id);
  }

  /** Like StudentRepository.updateIfCurrent: changed field names, or null when no row was updated. */
  async updateIfCurrent(
    manager: EntityManager,
    target: { schoolId: string; studentId: string; guardianId: string },
    expectedVersion: number,
    changes: GuardianChanges,
  ): Promise<string[] | null> {
    const p = new SqlParameters();
    const update = conditionalUpdateClauses(UPDATABLE_COLUMNS, changes, 'g', p.bind);
    if (!update) return null;
    const rows = await primaryGuardedQuery(() =>
      manager.query<{ changedFields: string[] }[]>(
        `WITH updated AS (
         UPDATE guardians g
            SET ${update.assignments}, version = g.version + 1, updated_at = now()
           FROM guardians before
          WHERE g.id = ${p.bind(target.guardianId)} AND before.id = g.id
            AND g.school_id = ${p.bind(target.schoolId)} AND g.student_id = ${p.bind(target.studentId)}
            AND g.version = ${p.bind(expectedVersion)} AND ${update.anyDifference}
         RETURNING ${update.changedFields} AS "changedFields")
       SELECT "changedFields" FROM updated`,
        p.values,
      ),
    );
    return rows[0]?.changedFields ?? null;
  }

  async deleteOfStudent(manager: EntityManager, schoolId: string, studentId: string, guardianId: string): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      'WITH deleted AS (DELETE FROM guardians WHERE id = $3 AND school_id = $1 AND student_id = $2 RETURNING id) SELECT id FROM deleted',
      [schoolId, studentId, guardianId],
    );
    return rows.length > 0;
  }
}
