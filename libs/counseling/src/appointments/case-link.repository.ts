import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface OpenCase {
  id: string;
  ownerId: string;
  /** Whether the given counselor is on the case's team now. */
  counselorOnTeam: boolean;
}

/**
 * The Counseling side of the student's intervention case: the open case an appointment belongs
 * to, the signal that links them, and follow-up tasks after a missed session. The rows are the
 * Intervention issue's (`case_signals`, `case_tasks`); their rules are kept here as there.
 */
@Injectable()
export class CaseLinkRepository {
  async openCaseOf(manager: EntityManager, schoolId: string, studentId: string, counselorId: string | null): Promise<OpenCase | null> {
    const rows = await manager.query<OpenCase[]>(
      `SELECT k.id, k.owner_id AS "ownerId",
              EXISTS (SELECT 1 FROM case_team_members m WHERE m.case_id = k.id AND m.user_id = $3 AND m.removed_at IS NULL) AS "counselorOnTeam"
         FROM cases k WHERE k.student_id = $1 AND k.school_id = $2 AND k.state <> 'closed'`,
      [studentId, schoolId, counselorId],
    );
    return rows[0] ?? null;
  }

  /** Links the appointment to the case as a signal; false when it already was. */
  async attachSignal(manager: EntityManager, signal: { schoolId: string; caseId: string; appointmentId: string; attachedBy: string; at: Date }): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO case_signals (school_id, case_id, source_type, source_id, attached_at, attached_by)
       VALUES ($1, $2, 'appointment', $3, $4, $5) ON CONFLICT (source_type, source_id) DO NOTHING RETURNING id`,
      [signal.schoolId, signal.caseId, signal.appointmentId, signal.at, signal.attachedBy],
    );
    return rows.length > 0;
  }

  /** A task of the case plan; the title arrives encrypted, bound to `case_tasks.title` of this id. */
  async insertTask(
    manager: EntityManager,
    task: { id: string; schoolId: string; caseId: string; title: string; assigneeId: string; dueAt: Date; createdBy: string; at: Date },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO case_tasks (id, school_id, case_id, title, assignee_id, due_at, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
      [task.id, task.schoolId, task.caseId, task.title, task.assigneeId, task.dueAt, task.createdBy, task.at],
    );
  }
}
