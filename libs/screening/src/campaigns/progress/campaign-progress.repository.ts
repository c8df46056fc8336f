import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { decodeCursorAs, type PageQuery, type Uuid } from '#core';
import type { Caller } from '#access';
import { SqlParameters, visibleStudentsCondition } from '#org';

/** Invited and submitted counts of one class. */
export interface ClassProgress {
  classId: Uuid;
  gradeName: string;
  className: string;
  invited: number;
  submitted: number;
}

/** Who may be reminded: names and numbers, nothing of any answer. */
export interface PendingStudentView {
  studentId: Uuid;
  studentNumber: string;
  name: string;
  classId: Uuid;
  gradeName: string;
  className: string;
}

/** An open campaign in which students within the caller's reach have not answered yet. */
export interface CampaignAwaitingAnswers {
  campaignId: Uuid;
  name: string;
  closesAt: Date;
  /** How many of the caller's students have not answered. */
  pending: number;
}

export interface PendingStudent extends PendingStudentView {
  /** For the keyset only; not part of the answer. */
  invitationId: string;
}

@Injectable()
export class CampaignProgressRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Invited and submitted counts per (current) class, in one grouped query. */
  perClass(schoolId: string, campaignId: string): Promise<ClassProgress[]> {
    return this.dataSource.query<ClassProgress[]>(
      `SELECT c.id AS "classId", g.name AS "gradeName", c.name AS "className",
              count(*)::int AS invited, count(*) FILTER (WHERE i.status = 'used')::int AS submitted
         FROM screening_invitations i
         JOIN students s ON s.id = i.student_id JOIN classes c ON c.id = s.class_id JOIN grades g ON g.id = c.grade_id
        WHERE i.campaign_id = $1 AND i.school_id = $2
        GROUP BY g.sort_order, g.name, c.id, c.name
        ORDER BY g.sort_order, g.name, c.name, c.id`,
      [campaignId, schoolId],
    );
  }

  /** Students of the campaign who have not answered, within the caller's reach (a teacher: their current classes). */
  pending(caller: Caller, campaignId: string, filter: { classId?: string }, page: PageQuery): Promise<PendingStudent[]> {
    const p = new SqlParameters();
    const where = [`i.campaign_id = ${p.bind(campaignId)}`, `i.status = 'pending'`, visibleStudentsCondition(caller, 's', p.bind)];
    if (filter.classId) where.push(`s.class_id = ${p.bind(filter.classId)}`);
    if (page.cursor) {
      const [gradeName, className, studentNumber, invitationId] = decodeCursorAs(page.cursor, ['', '', '', 'uuid']);
      where.push(
        `(g.name, c.name, s.student_number, i.id) > (${p.bind(gradeName)}, ${p.bind(className)}, ${p.bind(studentNumber)}, ${p.bind(invitationId)}::uuid)`,
      );
    }
    return this.dataSource.query<PendingStudent[]>(
      `SELECT s.id AS "studentId", s.student_number AS "studentNumber", s.name, c.id AS "classId", g.name AS "gradeName",
              c.name AS "className", i.id AS "invitationId"
         FROM screening_invitations i
         JOIN students s ON s.id = i.student_id JOIN classes c ON c.id = s.class_id JOIN grades g ON g.id = c.grade_id
        WHERE ${where.join(' AND ')}
        ORDER BY g.name, c.name, s.student_number, i.id
        LIMIT ${p.bind(page.limit + 1)}`,
      p.values,
    );
  }

  /** Open campaigns with unanswered invitations of students within the caller's reach, the soonest closing first. */
  openWithPending(caller: Caller, page: PageQuery): Promise<CampaignAwaitingAnswers[]> {
    const p = new SqlParameters();
    const where = [`c.school_id = ${p.bind(caller.schoolId)}`, `c.status = 'open'`, `i.status = 'pending'`, visibleStudentsCondition(caller, 's', p.bind)];
    if (page.cursor) {
      const [closesAt, id] = decodeCursorAs(page.cursor, ['timestamptz', 'uuid']);
      where.push(`(c.closes_at, c.id) > (${p.bind(closesAt)}::timestamptz, ${p.bind(id)}::uuid)`);
    }
    return this.dataSource.query<CampaignAwaitingAnswers[]>(
      `SELECT c.id AS "campaignId", c.name, c.closes_at AS "closesAt", count(*)::int AS pending
         FROM screening_campaigns c
         JOIN screening_invitations i ON i.campaign_id = c.id
         JOIN students s ON s.id = i.student_id
        WHERE ${where.join(' AND ')}
        GROUP BY c.id, c.name, c.closes_at
        ORDER BY c.closes_at, c.id
        LIMIT ${p.bind(page.limit + 1)}`,
      p.values,
    );
  }
}
