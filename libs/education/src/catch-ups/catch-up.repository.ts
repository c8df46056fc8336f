import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { decodeCursorAs, type PageQuery } from '#core';
import type { Caller } from '#access';
import { SqlParameters, visibleStudentsCondition } from '#org';
import type { ActivityKind, CatchUpStatus } from '../entities/index.js';
import type { CatchUpView } from './catch-up.dtos.js';

const CATCH_UP_COLUMNS = `cu.id, cu.status, cu.delivery_id AS "deliveryId", cu.created_at AS "createdAt",
  cu.completed_at AS "completedAt", cu.completed_by AS "completedBy",
  json_build_object('id', s.id, 'name', s.name, 'studentNumber', s.student_number, 'classId', c.id, 'className', c.name) AS student,
  a.id AS "activityId", a.title AS "activityTitle", a.kind AS "activityKind", a.starts_at AS "activityStartsAt",
  ARRAY(SELECT t.code FROM education_activity_topics at JOIN education_topics t ON t.id = at.topic_id
         WHERE at.activity_id = a.id ORDER BY t.sort_order, t.code) AS "topicCodes"`;

const FROM_CATCH_UPS = `education_catch_ups cu
  JOIN students s ON s.id = cu.student_id
  JOIN classes c ON c.id = s.class_id
  JOIN education_deliveries d ON d.id = cu.delivery_id
  JOIN education_activities a ON a.id = d.activity_id`;

type CatchUpRow = Omit<CatchUpView, 'activity'> & { activityId: string; activityTitle: string; activityKind: ActivityKind; activityStartsAt: Date; topicCodes: string[] };

const toView = ({ activityId, activityTitle, activityKind, activityStartsAt, topicCodes, ...row }: CatchUpRow): CatchUpView => ({
  ...row,
  activity: { id: activityId, title: activityTitle, kind: activityKind, startsAt: activityStartsAt, topicCodes },
});

/**
 * Students who missed a delivered activity. Scoped like students are: a class teacher sees the
 * students of the classes they teach now, wherever the student was when they missed it.
 */
@Injectable()
export class CatchUpRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Brings the catch-ups of a delivery in line with its current missed list, in one statement:
   * newly missed students need one (again, if it had been withdrawn), students no longer missed
   * have theirs withdrawn; catch-ups already done stay done.
   */
  async syncWithMissed(manager: EntityManager, values: { schoolId: string; deliveryId: string; missedStudentIds: string[]; at: Date }): Promise<void> {
    await manager.query(
      `WITH needed AS (
         INSERT INTO education_catch_ups (school_id, delivery_id, student_id, created_at, updated_at)
         SELECT $1, $2, m.id, $4, $4 FROM unnest($3::uuid[]) AS m(id)
         ON CONFLICT (delivery_id, student_id) DO UPDATE SET status = 'needed', updated_at = $4
          WHERE education_catch_ups.status = 'withdrawn'
         RETURNING id),
       withdrawn AS (
         UPDATE education_catch_ups SET status = 'withdrawn', updated_at = $4
          WHERE delivery_id = $2 AND status = 'needed' AND NOT (student_id = ANY($3::uuid[]))
         RETURNING id)
       SELECT (SELECT count(*) FROM needed) AS needed, (SELECT count(*) FROM withdrawn) AS withdrawn`,
      [values.schoolId, values.deliveryId, values.missedStudentIds, values.at],
    );
  }

  /** Oldest first: the longest wait comes first. */
  async listVisible(caller: Caller, filter: { status: CatchUpStatus[]; classId?: string }, page: PageQuery): Promise<CatchUpView[]> {
    const params = new SqlParameters();
    const where = [`cu.school_id = ${params.bind(caller.schoolId)}`, visibleStudentsCondition(caller, 's', params.bind)];
    where.push(`cu.status = ANY(${params.bind(filter.status)}::text[])`);
    if (filter.classId) where.push(`s.class_id = ${params.bind(filter.classId)}`);
    if (page.cursor) {
      const [createdAt, id] = decodeCursorAs(page.cursor, ['timestamptz', 'uuid']);
      where.push(`(cu.created_at, cu.id) > (${params.bind(createdAt)}::timestamptz, ${params.bind(id)}::uuid)`);
    }
    const rows = await this.dataSource.query<CatchUpRow[]>(
      `SELECT ${CATCH_UP_COLUMNS} FROM ${FROM_CATCH_UPS} WHERE ${where.join(' AND ')}
        ORDER BY cu.created_at, cu.id LIMIT ${params.bind(page.limit + 1)}`,
      params.values,
    );
    return rows.map(toView);
  }

  async findVisible(caller: Caller, catchUpId: string): Promise<CatchUpView | null> {
    const params = new SqlParameters();
    const rows = await this.dataSource.query<CatchUpRow[]>(
      `SELECT ${CATCH_UP_COLUMNS} FROM ${FROM_CATCH_UPS}
        WHERE cu.id = ${params.bind(catchUpId)} AND cu.school_id = ${params.bind(caller.schoolId)} AND ${visibleStudentsCondition(caller, 's', params.bind)}`,
      params.values,
    );
    return rows[0] ? toView(rows[0]) : null;
  }

  /** Marks a needed catch-up done; the student id when it was, null when it was not (any more) needed. */
  async complete(manager: EntityManager, schoolId: string, catchUpId: string, by: string, at: Date): Promise<string | null> {
    const rows = await manager.query<{ studentId: string }[]>(
      `WITH done AS (
         UPDATE education_catch_ups SET status = 'done', completed_at = $4, completed_by = $3, updated_at = $4
          WHERE id = $1 AND school_id = $2 AND status = 'needed'
          RETURNING student_id)
       SELECT student_id AS "studentId" FROM done`,
      [catchUpId, schoolId, by, at],
    );
    return rows[0]?.studentId ?? null;
  }
}
