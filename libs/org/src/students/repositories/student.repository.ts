import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { decodeCursorAs, type Page, type PageQuery, toPage } from '#core';
import type { Caller } from '#access';
import type { StudentStatus } from '../../entities/student.entity.js';
import type { CreateStudentDto } from '../dtos/create-student.dto.js';
import type { StudentChanges } from '../dtos/update-student.dto.js';
import type { StudentSummary } from '../dtos/student.views.js';
import { type ColumnMap, conditionalUpdateClauses } from '../rules/conditional-update.js';
import { type BindParameter, SqlParameters } from '../rules/sql-parameters.js';
import { visibleStudentsCondition } from '../rules/student-scope.js';

export interface StudentFilters {
  classId?: string;
  gradeId?: string;
  status?: StudentStatus[];
  q?: string;
}

const STUDENT_COLUMNS = `s.id, s.student_number AS "studentNumber", s.name, s.gender,
  to_char(s.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth", s.class_id AS "classId", c.name AS "className",
  c.grade_id AS "gradeId", g.name AS "gradeName", s.status, s.version`;

const STUDENTS_WITH_CLASS = `students s JOIN classes c ON c.id = s.class_id JOIN grades g ON g.id = c.grade_id`;

const UPDATABLE_COLUMNS: ColumnMap<keyof StudentChanges> = {
  name: ['name', 'text'],
  gender: ['gender', 'text'],
  dateOfBirth: ['date_of_birth', 'date'],
  classId: ['class_id', 'uuid'],
  status: ['status', 'text'],
};

/**
 * The school's students whose number or name starts with `q`, each once, each branch a range
 * scan of its text_pattern_ops prefix index. As one `number LIKE q OR name LIKE q` beside
 * `ORDER BY student_number LIMIT n`, the planner often walks the whole school in number order
 * instead and filters (a cohort prefix such as "2021" read 25,000 rows to answer 50); the
 * MATERIALIZED fence keeps that ordered walk from being considered, so the page is a top-N sort
 * of the matches. `\`, `%` and `_` in `q` are escaped: they are searched for literally.
 */
function prefixMatches(schoolId: string, q: string, bind: BindParameter): string {
  const school = bind(schoolId);
  const pattern = bind(`${q.replace(/[\\%_]/g, '\\$&')}%`);
  const columns = 'id, school_id, student_number, name, gender, date_of_birth, class_id, status, version';
  return `SELECT ${columns} FROM students WHERE school_id = ${school} AND student_number LIKE ${pattern}
          UNION ALL
          SELECT ${columns} FROM students WHERE school_id = ${school} AND name LIKE ${pattern} AND student_number NOT LIKE ${pattern}`;
}

/** Student rows, always through the caller's scope (rules/student-scope.ts). */
@Injectable()
export class StudentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One page in (studentNumber, id) order; the school's unique (school_id, student_number) index
   * serves it. With `q`, the rows come from the two prefix indexes instead (prefixMatches).
   */
  async listVisible(caller: Caller, filters: StudentFilters, page: PageQuery): Promise<Page<StudentSummary>> {
    const p = new SqlParameters();
    const matches = filters.q ? prefixMatches(caller.schoolId, filters.q, p.bind) : null;
    const where = [visibleStudentsCondition(caller, 's', p.bind)];
    if (filters.classId) where.push(`s.class_id = ${p.bind(filters.classId)}`);
    if (filters.gradeId) where.push(`c.grade_id = ${p.bind(filters.gradeId)}`);
    if (filters.status?.length) where.push(`s.status = ANY(${p.bind(filters.status)}::text[])`);
    if (page.cursor) {
      const [studentNumber, id] = decodeCursorAs(page.cursor, ['text', 'uuid']);
      const after = p.bind(String(studentNumber));
      // The redundant `>=` lets the planner start the index scan at the cursor.
      where.push(`s.student_number >= ${after} AND (s.student_number, s.id) > (${after}, ${p.bind(id)}::uuid)`);
    }
    const rows = await this.dataSource.query<StudentSummary[]>(
      `${matches ? `WITH prefix_matches AS MATERIALIZED (${matches}) ` : ''}
       SELECT ${STUDENT_COLUMNS}
         FROM ${matches ? 'prefix_matches' : 'students'} s JOIN classes c ON c.id = s.class_id JOIN grades g ON g.id = c.grade_id
        WHERE ${where.join(' AND ')}
        ORDER BY s.student_number, s.id
        LIMIT ${p.bind(page.limit + 1)}`,
      p.values,
    );
    return toPage(rows, page, (row) => [row.studentNumber, row.id]);
  }

  async findVisibleById(manager: EntityManager, caller: Caller, studentId: string): Promise<StudentSummary | null> {
    const p = new SqlParameters();
    const rows = await manager.query<StudentSummary[]>(
      `SELECT ${STUDENT_COLUMNS} FROM ${STUDENTS_WITH_CLASS}
        WHERE s.id = ${p.bind(studentId)} AND ${visibleStudentsCondition(caller, 's', p.bind)}`,
      p.values,
    );
    return rows[0] ?? null;
  }

  /**
   * Locks the student against concurrent changes of its guardians (so two "make primary"
   * requests cannot both win); false when the student is missing or out of scope.
   */
  async lockVisibleById(manager: EntityManager, caller: Caller, studentId: string): Promise<boolean> {
    const p = new SqlParameters();
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM students s
        WHERE s.id = ${p.bind(studentId)} AND ${visibleStudentsCondition(caller, 's', p.bind)}
          FOR NO KEY UPDATE`,
      p.values,
    );
    return rows.length > 0;
  }

  /**
   * Inserts into a class of the caller's school and answers the new student. Null when nothing
   * was inserted: the class is not the school's, or the student number is taken (the caller
   * tells which).
   */
  async insertIntoSchoolClass(manager: EntityManager, schoolId: string, values: CreateStudentDto): Promise<StudentSummary | null> {
    const rows = await manager.query<StudentSummary[]>(
      `WITH s AS (
         INSERT INTO students (school_id, student_number, name, gender, date_of_birth, class_id, status)
         SELECT c.school_id, $3, $4, $5, $6::date, c.id, $7 FROM classes c WHERE c.id = $2 AND c.school_id = $1
         ON CONFLICT (school_id, student_number) DO NOTHING
         RETURNING *
       )
       SELECT ${STUDENT_COLUMNS} FROM s JOIN classes c ON c.id = s.class_id JOIN grades g ON g.id = c.grade_id`,
      [
        schoolId,
        values.classId,
        values.studentNumber,
        values.name,
        values.gender ?? 'unspecified',
        values.dateOfBirth ?? null,
        values.status ?? 'enrolled',
      ],
    );
    return rows[0] ?? null;
  }

  /**
   * The conditional update: applies the changes only if the row is visible, still at
   * `expectedVersion` and would actually change; bumps the version. Answers the names of the
   * changed fields, or null when no row was updated (missing, out of scope, stale or no change).
   */
  async updateIfCurrent(
    manager: EntityManager,
    caller: Caller,
    studentId: string,
    expectedVersion: number,
    changes: StudentChanges,
  ): Promise<string[] | null> {
    const p = new SqlParameters();
    const update = conditionalUpdateClauses(UPDATABLE_COLUMNS, changes, 's', p.bind);
    if (!update) return null;
    // In a CTE: TypeORM answers a bare UPDATE with [rows, count] rather than rows.
    const rows = await manager.query<{ changedFields: string[] }[]>(
      `WITH updated AS (
         UPDATE students s
            SET ${update.assignments}, version = s.version + 1, updated_at = now()
           FROM students before
          WHERE s.id = ${p.bind(studentId)} AND before.id = s.id AND s.version = ${p.bind(expectedVersion)}
            AND ${visibleStudentsCondition(caller, 's', p.bind)} AND ${update.anyDifference}
         RETURNING ${update.changedFields} AS "changedFields")
       SELECT "changedFields" FROM updated`,
      p.values,
    );
    return rows[0]?.changedFields ?? null;
  }
}
