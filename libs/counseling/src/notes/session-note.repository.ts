import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { decodeCursorAs, type PageQuery } from '#core';
import type { Caller } from '#access';
import type { AppointmentStatus } from '../appointments/appointment-status.js';

/** A session and how the caller relates to it; decides who reads its notes. */
export interface SessionAccessRow {
  id: string;
  studentId: string;
  status: AppointmentStatus;
  isCounselor: boolean;
  onCaseTeam: boolean;
  grantId: string | null;
}

export interface SessionNoteRow {
  id: string;
  appointmentId: string;
  authorId: string;
  authorName: string;
  /** Still encrypted. */
  body: string;
  createdAt: Date;
}

const NOTE_COLUMNS = `n.id, n.appointment_id AS "appointmentId", n.author_id AS "authorId", u.display_name AS "authorName", n.body,
  n.created_at AS "createdAt"`;

@Injectable()
export class SessionNoteRepository {
  /**
   * The session (of the caller's school) with the three ways in: its counselor, a member of the
   * student's open case team, or an unexpired break-glass grant for the student.
   */
  async findAccess(manager: EntityManager, caller: Caller, appointmentId: string, now: Date): Promise<SessionAccessRow | null> {
    const rows = await manager.query<SessionAccessRow[]>(
      `SELECT a.id, a.student_id AS "studentId", a.status,
              COALESCE(a.counselor_id = $3, false) AS "isCounselor",
              EXISTS (SELECT 1 FROM cases k JOIN case_team_members m ON m.case_id = k.id AND m.user_id = $3 AND m.removed_at IS NULL
                       WHERE k.student_id = a.student_id AND k.state <> 'closed') AS "onCaseTeam",
              (SELECT g.id FROM break_glass_grants g
                WHERE g.user_id = $3 AND g.student_id = a.student_id AND g.school_id = a.school_id AND g.expires_at > $4
                ORDER BY g.expires_at DESC LIMIT 1) AS "grantId"
         FROM appointments a
        WHERE a.id = $1 AND a.school_id = $2`,
      [appointmentId, caller.schoolId, caller.userId, now],
    );
    return rows[0] ?? null;
  }

  async insert(manager: EntityManager, note: { id: string; schoolId: string; appointmentId: string; authorId: string; body: string; at: Date }): Promise<void> {
    await manager.query(
      `INSERT INTO session_notes (id, school_id, appointment_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [note.id, note.schoolId, note.appointmentId, note.authorId, note.body, note.at],
    );
  }

  /** Oldest first (`session_notes_appointment_idx`). */
  async listOf(manager: EntityManager, appointmentId: string, page: PageQuery): Promise<SessionNoteRow[]> {
    const params: unknown[] = [appointmentId, page.limit + 1];
    let after = '';
    if (page.cursor) {
      params.push(...decodeCursorAs(page.cursor, ['timestamptz', 'uuid']));
      after = 'AND (n.created_at, n.id) > ($3::timestamptz, $4::uuid)';
    }
    return manager.query<SessionNoteRow[]>(
      `SELECT ${NOTE_COLUMNS} FROM session_notes n JOIN users u ON u.id = n.author_id
        WHERE n.appointment_id = $1 ${after} ORDER BY n.created_at, n.id LIMIT $2`,
      params,
    );
  }

  async find(manager: EntityManager, appointmentId: string, noteId: string): Promise<SessionNoteRow | null> {
    const rows = await manager.query<SessionNoteRow[]>(
      `SELECT ${NOTE_COLUMNS} FROM session_notes n JOIN users u ON u.id = n.author_id WHERE n.id = $1 AND n.appointment_id = $2`,
      [noteId, appointmentId],
    );
    return rows[0] ?? null;
  }
}
