import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { GuardianRelation } from '../../entities/guardian.entity.js';
import type { Gender, StudentStatus } from '../../entities/student.entity.js';

export interface StudentImportValues {
  studentNumber: string;
  name: string;
  /** null: keep the stored value (a new student gets the default). */
  gender: Gender | null;
  dateOfBirth: string;
  classId: string;
  /** null: keep the stored value (a new student is enrolled). */
  status: StudentStatus | null;
}

export interface PrimaryGuardianImportValues {
  studentNumber: string;
  name: string;
  /** null: keep the stored relation (a new guardian is a `guardian`). */
  relation: GuardianRelation | null;
  phone: string;
}

export interface ImportedStudent {
  id: string;
  studentNumber: string;
  created: boolean;
  /** Of an updated student: the API names of the fields that changed. */
  changedFields: string[];
}

export interface ImportedGuardian {
  studentId: string;
  studentNumber: string;
  /** `primaryGuardian` when one was added, else `primaryGuardian.<field>` per changed field. */
  changedFields: string[];
}

/**
 * The set-based writes of a CSV import: a few statements whatever the number of rows, the rows
 * travelling as one JSON parameter unpacked by jsonb_to_recordset.
 */
@Injectable()
export class StudentImportRepository {
  /**
   * Imports of one school run one at a time, and the file's existing students are locked, so
   * the values compared below are the ones overwritten (no concurrent edit slips in between).
   */
  async lockForImport(manager: EntityManager, schoolId: string, studentNumbers: string[]): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`student_import:${schoolId}`]);
    await manager.query('SELECT 1 FROM students WHERE school_id = $1 AND student_number = ANY($2::text[]) FOR NO KEY UPDATE', [
      schoolId,
      studentNumbers,
    ]);
  }

  /**
   * Inserts new student numbers and updates existing ones whose values differ (bumping their
   * version); identical rows are left untouched and not returned.
   */
  async upsertStudents(manager: EntityManager, schoolId: string, students: StudentImportValues[]): Promise<ImportedStudent[]> {
    return manager.query<ImportedStudent[]>(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($2::jsonb)
           AS r("studentNumber" text, name text, gender text, "dateOfBirth" date, "classId" uuid, status text)
       ),
       before AS (
         SELECT s.id, s.student_number, s.name, s.gender, s.date_of_birth, s.class_id, s.status
           FROM students s JOIN input r ON r."studentNumber" = s.student_number
          WHERE s.school_id = $1
       ),
       upserted AS (
         INSERT INTO students AS s (school_id, student_number, name, gender, date_of_birth, class_id, status)
         SELECT $1, r."studentNumber", r.name, COALESCE(r.gender, b.gender, 'unspecified'), r."dateOfBirth", r."classId",
                COALESCE(r.status, b.status, 'enrolled')
           FROM input r LEFT JOIN before b ON b.student_number = r."studentNumber"
         ON CONFLICT (school_id, student_number) DO UPDATE
            SET name = EXCLUDED.name, gender = EXCLUDED.gender, date_of_birth = EXCLUDED.date_of_birth,
                class_id = EXCLUDED.class_id, status = EXCLUDED.status, version = s.version + 1, updated_at = now()
          WHERE (s.name, s.gender, s.date_of_birth, s.class_id, s.status)
                IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.gender, EXCLUDED.date_of_birth, EXCLUDED.class_id, EXCLUDED.status)
         RETURNING s.id, s.student_number, s.name, s.gender, s.date_of_birth, s.class_id, s.status
       )
       SELECT u.id, u.student_number AS "studentNumber", b.id IS NULL AS created,
              array_remove(ARRAY[
                CASE WHEN b.name IS DISTINCT FROM u.name THEN 'name' END,
                CASE WHEN b.gender IS DISTINCT FROM u.gender THEN 'gender' END,
                CASE WHEN b.date_of_birth IS DISTINCT FROM u.date_of_birth THEN 'dateOfBirth' END,
                CASE WHEN b.class_id IS DISTINCT FROM u.class_id THEN 'classId' END,
                CASE WHEN b.status IS DISTINCT FROM u.status THEN 'status' END
              ]::text[], NULL) AS "changedFields"
         FROM upserted u LEFT JOIN before b ON b.student_number = u.student_number`,
      [schoolId, JSON.stringify(students)],
    );
  }

  /**
   * The row's guardian is the student's primary guardian: the current primary one is updated
   * to match (when it differs), or one is added when the student has none. Other guardians are
   * left alone.
   */
  async upsertPrimaryGuardians(
    manager: EntityManager,
    schoolId: string,
    guardians: PrimaryGuardianImportValues[],
  ): Promise<ImportedGuardian[]> {
    if (guardians.length === 0) return [];
    return manager.query<ImportedGuardian[]>(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($2::jsonb) AS r("studentNumber" text, name text, relation text, phone text)
       ),
       target AS (
         SELECT DISTINCT ON (s.id) s.id AS student_id, s.student_number, r.name, r.relation, r.phone,
                g.id AS guardian_id, g.name AS old_name, g.relation AS old_relation, g.phone AS old_phone
           FROM input r
           JOIN students s ON s.school_id = $1 AND s.student_number = r."studentNumber"
           LEFT JOIN guardians g ON g.student_id = s.id AND g.is_primary
          ORDER BY s.id, g.created_at, g.id
       ),
       updated AS (
         UPDATE guardians g
            SET name = t.name, relation = COALESCE(t.relation, g.relation), phone = t.phone,
                version = g.version + 1, updated_at = now()
           FROM target t
          WHERE g.id = t.guardian_id
            AND (g.name, g.relation, g.phone) IS DISTINCT FROM (t.name, COALESCE(t.relation, g.relation), t.phone)
         RETURNING t.student_id, t.student_number, array_remove(ARRAY[
           CASE WHEN t.old_name IS DISTINCT FROM g.name THEN 'primaryGuardian.name' END,
           CASE WHEN t.old_relation IS DISTINCT FROM g.relation THEN 'primaryGuardian.relation' END,
           CASE WHEN t.old_phone IS DISTINCT FROM g.phone THEN 'primaryGuardian.phone' END
         ]::text[], NULL) AS changed_fields
       ),
       inserted AS (
         INSERT INTO guardians (school_id, student_id, name, relation, phone, is_primary)
         SELECT $1, t.student_id, t.name, COALESCE(t.relation, 'guardian'), t.phone, true
           FROM target t WHERE t.guardian_id IS NULL
         RETURNING student_id
       )
       SELECT student_id AS "studentId", student_number AS "studentNumber", changed_fields AS "changedFields" FROM updated
       UNION ALL
       SELECT t.student_id, t.student_number, ARRAY['primaryGuardian'] FROM inserted i JOIN target t ON t.student_id = i.student_id`,
      [schoolId, JSON.stringify(guardians)],
    );
  }
}
