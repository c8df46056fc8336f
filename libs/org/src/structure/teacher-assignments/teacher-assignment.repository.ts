import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { applyKeyset, ConflictProblem, isUniqueViolation, type PageQuery } from '#core';
import type { ClassTeacherView } from '../classes/classes.dto.js';
import type { TeacherAssignmentView } from './teacher-assignments.dto.js';

/** Newest first; the history index (class_id, started_at, id) serves it backwards. */
export const ASSIGNMENT_HISTORY_ORDER = { columns: ['a.started_at', 'a.id'], casts: ['timestamptz', 'uuid'], direction: 'DESC' as const };

/**
 * Class-teacher assignments. They join `users` for the teacher's name and eligibility: the
 * assignment is organisation data about a staff account, read in the same statement.
 */
@Injectable()
export class TeacherAssignmentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  listForClass(schoolId: string, classId: string, page: PageQuery): Promise<TeacherAssignmentView[]> {
    const qb = this.dataSource
      .createQueryBuilder()
      .select('a.id', 'id')
      .addSelect('a.class_id', 'classId')
      .addSelect('a.user_id', 'userId')
      .addSelect('u.display_name', 'displayName')
      .addSelect('a.started_at', 'startedAt')
      .addSelect('a.ended_at', 'endedAt')
      .addSelect('a.assigned_by', 'assignedBy')
      .from('class_teacher_assignments', 'a')
      .innerJoin('users', 'u', 'u.id = a.user_id')
      .where('a.class_id = :classId AND a.school_id = :schoolId', { classId, schoolId });
    return applyKeyset(qb, ASSIGNMENT_HISTORY_ORDER, page).getRawMany<TeacherAssignmentView>();
  }

  async findInClass(
    schoolId: string,
    classId: string,
    assignmentId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<TeacherAssignmentView | null> {
    const rows = await manager.query<TeacherAssignmentView[]>(
      `SELECT a.id, a.class_id AS "classId", a.user_id AS "userId", u.display_name AS "displayName",
              a.started_at AS "startedAt", a.ended_at AS "endedAt", a.assigned_by AS "assignedBy"
         FROM class_teacher_assignments a JOIN users u ON u.id = a.user_id
        WHERE a.id = $1 AND a.class_id = $2 AND a.school_id = $3`,
      [assignmentId, classId, schoolId],
    );
    return rows[0] ?? null;
  }

  /** The current teachers of many classes in one query (never one query per class). */
  findCurrentTeachersOfClasses(schoolId: string, classIds: string[]): Promise<(ClassTeacherView & { classId: string })[]> {
    if (classIds.length === 0) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT a.class_id AS "classId", a.user_id AS "userId", u.display_name AS "displayName"
         FROM class_teacher_assignments a JOIN users u ON u.id = a.user_id
        WHERE a.school_id = $1 AND a.class_id = ANY($2::uuid[]) AND a.ended_at IS NULL
        ORDER BY a.started_at, a.id`,
      [schoolId, classIds],
    );
  }

  /**
   * Inserts a current assignment if `userId` is an active class teacher of the school; null
   * when not. The partial unique index refuses a second current assignment of the same teacher.
   * The teacher's row is share-locked until commit: deactivating them (which ends their current
   * assignments) waits for this insert and then ends it too, instead of missing it.
   */
  async insertForActiveClassTeacher(
    manager: EntityManager,
    values: { schoolId: string; classId: string; userId: string; startedAt: Date; assignedBy: string },
  ): Promise<string | null> {
    try {
      const rows = await manager.query<{ id: string }[]>(
        `INSERT INTO class_teacher_assignments (school_id, class_id, user_id, started_at, assigned_by)
         SELECT $1, $2, u.id, $4, $5 FROM users u
          WHERE u.id = $3 AND u.school_id = $1 AND u.active AND u.role = 'class_teacher'
            FOR SHARE OF u
         RETURNING id`,
        [values.schoolId, values.classId, values.userId, values.startedAt, values.assignedBy],
      );
      return rows[0]?.id ?? null;
    } catch (error) {
      if (isUniqueViolation(error, 'class_teacher_assignments_current_key')) {
        throw new ConflictProblem('class_assignment.already_current', 'This teacher already teaches the class');
      }
      throw error;
    }
  }

  /** Ends the class's current assignments except those of `keptUserId`; returns the ids it ended. */
  async endCurrentOfClassExcept(manager: EntityManager, schoolId: string, classId: string, keptUserId: string, at: Date): Promise<string[]> {
    const [rows] = await manager.query<[{ id: string }[], number]>(
      `UPDATE class_teacher_assignments SET ended_at = $4
        WHERE class_id = $1 AND school_id = $2 AND ended_at IS NULL AND user_id <> $3
       RETURNING id`,
      [classId, schoolId, keptUserId, at],
    );
    return rows.map((row) => row.id);
  }

  /** Ends the assignment if it is current; false when it is missing or already ended. */
  async endIfCurrent(manager: EntityManager, schoolId: string, classId: string, assignmentId: string, at: Date): Promise<boolean> {
    const [, affected] = await manager.query<[unknown[], number]>(
      `UPDATE class_teacher_assignments SET ended_at = $4
        WHERE id = $1 AND class_id = $2 AND school_id = $3 AND ended_at IS NULL`,
      [assignmentId, classId, schoolId, at],
    );
    return affected === 1;
  }
}
