import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { decodeCursorAs, type PageQuery, updateAtVersion, type Uuid } from '#core';
import type { TaskStatus } from '../entities/case-task.entity.js';

export interface CaseTaskRow {
  id: Uuid;
  caseId: Uuid;
  /** Still encrypted; the service decrypts. */
  title: string;
  assigneeId: Uuid;
  assigneeName: string;
  dueAt: Date;
  status: TaskStatus;
  /** When it was done; null unless `done`. */
  completedAt: Date | null;
  createdBy: Uuid;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface MyTaskRow {
  id: Uuid;
  caseId: Uuid;
  studentId: Uuid;
  studentName: string;
  title: string;
  dueAt: Date;
  status: TaskStatus;
  version: number;
}

export type CaseTaskChanges = Partial<{ title: string; assigneeId: string; dueAt: Date; status: TaskStatus; completedAt: Date | null }>;

const TASK_COLUMNS = `t.id, t.case_id AS "caseId", t.title, t.assignee_id AS "assigneeId", u.display_name AS "assigneeName",
  t.due_at AS "dueAt", t.status, t.completed_at AS "completedAt", t.created_by AS "createdBy", t.created_at AS "createdAt",
  t.updated_at AS "updatedAt", t.version`;

const CHANGE_COLUMNS: Record<keyof CaseTaskChanges, string> = {
  title: 'title',
  assigneeId: 'assignee_id',
  dueAt: 'due_at',
  status: 'status',
  completedAt: 'completed_at',
};

/** The tasks of a case plan; every read is already inside a case the service let the caller into. */
@Injectable()
export class CaseTaskRepository {
  async insert(
    manager: EntityManager,
    task: { id: string; schoolId: string; caseId: string; title: string; assigneeId: string; dueAt: Date; createdBy: string; at: Date },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO case_tasks (id, school_id, case_id, title, assignee_id, due_at, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
      [task.id, task.schoolId, task.caseId, task.title, task.assigneeId, task.dueAt, task.createdBy, task.at],
    );
  }

  async findInCase(manager: EntityManager, caseId: string, taskId: string): Promise<CaseTaskRow | null> {
    const rows = await manager.query<CaseTaskRow[]>(
      `SELECT ${TASK_COLUMNS} FROM case_tasks t JOIN users u ON u.id = t.assignee_id WHERE t.id = $1 AND t.case_id = $2`,
      [taskId, caseId],
    );
    return rows[0] ?? null;
  }

  /** By due time, soonest first (`case_tasks_case_idx`). */
  async listOfCase(manager: EntityManager, caseId: string, filter: { status?: TaskStatus[] }, page: PageQuery): Promise<CaseTaskRow[]> {
    const params: unknown[] = [caseId, filter.status?.length ? filter.status : null, page.limit + 1];
    let after = '';
    if (page.cursor) {
      const [dueAt, id] = decodeCursorAs(page.cursor, ['timestamptz', 'uuid']);
      params.push(dueAt, id);
      after = 'AND (t.due_at, t.id) > ($4::timestamptz, $5::uuid)';
    }
    return manager.query<CaseTaskRow[]>(
      `SELECT ${TASK_COLUMNS} FROM case_tasks t JOIN users u ON u.id = t.assignee_id
        WHERE t.case_id = $1 AND ($2::text[] IS NULL OR t.status = ANY($2::text[])) ${after}
        ORDER BY t.due_at, t.id
        LIMIT $3`,
      params,
    );
  }

  /**
   * Applies the changes only if the task is still at `version`; false when someone changed it
   * first (the caller answers 409 and nothing changed).
   */
  async updateAtVersion(manager: EntityManager, caseId: string, taskId: string, version: number, changes: CaseTaskChanges, at: Date): Promise<boolean> {
    return updateAtVersion(manager, { table: 'case_tasks', id: taskId, scope: { column: 'case_id', value: caseId }, version }, changes, CHANGE_COLUMNS, at);
  }

  /**
   * Whether the user can be given a task of the case: an active counselor (or head of counseling)
   * of the school who is on the case's team now.
   */
  async isAssignable(manager: EntityManager, schoolId: string, caseId: string, userId: string): Promise<boolean> {
    const rows = await manager.query(
      `SELECT 1 FROM users u
         JOIN case_team_members m ON m.user_id = u.id AND m.case_id = $2 AND m.removed_at IS NULL
        WHERE u.id = $3 AND u.school_id = $1 AND u.active AND u.role IN ('counselor', 'counseling_lead')`,
      [schoolId, caseId, userId],
    );
    return rows.length > 0;
  }

  /**
   * The open tasks assigned to the user on cases not closed whose team they are on, due in
   * [dueFrom, dueBefore), soonest first. `case_tasks_assignee_open_idx` serves the order and the range.
   */
  async listOpenOfAssignee(
    manager: EntityManager,
    assignee: { schoolId: string; userId: string },
    window: { dueFrom: Date | null; dueBefore: Date | null },
    page: PageQuery,
  ): Promise<MyTaskRow[]> {
    const params: unknown[] = [assignee.userId, assignee.schoolId, window.dueFrom, window.dueBefore, page.limit + 1];
    let after = '';
    if (page.cursor) {
      const [dueAt, id] = decodeCursorAs(page.cursor, ['timestamptz', 'uuid']);
      params.push(dueAt, id);
      after = 'AND (t.due_at, t.id) > ($6::timestamptz, $7::uuid)';
    }
    return manager.query<MyTaskRow[]>(
      `SELECT t.id, t.case_id AS "caseId", c.student_id AS "studentId", s.name AS "studentName", t.title, t.due_at AS "dueAt", t.status, t.version
         FROM case_tasks t
         JOIN cases c ON c.id = t.case_id
         JOIN students s ON s.id = c.student_id
        WHERE t.assignee_id = $1 AND t.status = 'open' AND t.school_id = $2
          AND ($3::timestamptz IS NULL OR t.due_at >= $3::timestamptz)
          AND ($4::timestamptz IS NULL OR t.due_at < $4::timestamptz)
          AND c.state <> 'closed'
          -- Someone who left the team no longer sees the case, its tasks included.
          AND EXISTS (SELECT 1 FROM case_team_members m WHERE m.case_id = t.case_id AND m.user_id = $1 AND m.removed_at IS NULL)
          ${after}
        ORDER BY t.due_at, t.id
        LIMIT $5`,
      params,
    );
  }

  async timeZoneOfSchool(manager: EntityManager, schoolId: string): Promise<string> {
    const rows = await manager.query<{ timezone: string }[]>('SELECT timezone FROM schools WHERE id = $1', [schoolId]);
    return rows[0]?.timezone ?? 'Asia/Shanghai';
  }
}
