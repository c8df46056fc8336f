import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { decodeCursorAs, type PageQuery } from '#core';
import { type ClassScope, SqlParameters } from '#org';
import type { ActivityStatus } from '../entities/index.js';
import { classInScope } from '../shared/class-scope.sql.js';
import { schoolDayStart } from '../shared/school-day.sql.js';
import type { ActivityDetails } from './activity-details.js';

export interface ActivityRow extends ActivityDetails {
  id: string;
  /** The staff member's display name when a staff member delivers it. */
  deliveredByDisplayName: string | null;
  status: ActivityStatus;
  cancelledAt: Date | null;
  cancelReason: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface ActivityFilter {
  status?: ActivityStatus[];
  classId?: string;
  topicId?: string;
  /** Calendar days in the school's time zone, both included. */
  from?: string;
  to?: string;
}

const ACTIVITY_COLUMNS = `a.id, a.kind, a.title, a.starts_at AS "startsAt", a.ends_at AS "endsAt", a.place, a.link,
  a.delivered_by_user_id AS "deliveredByUserId", a.delivered_by_name AS "deliveredByName", u.display_name AS "deliveredByDisplayName",
  a.materials, a.status, a.cancelled_at AS "cancelledAt", a.cancel_reason AS "cancelReason", a.created_by AS "createdBy",
  a.created_at AS "createdAt", a.updated_at AS "updatedAt", a.version`;

const FROM_ACTIVITIES = 'education_activities a LEFT JOIN users u ON u.id = a.delivered_by_user_id';

/** A class teacher sees the activities that reach at least one class they teach now. */
function visibleActivity(scope: ClassScope, bind: (value: unknown) => string): string {
  const ofSchool = `a.school_id = ${bind(scope.schoolId)}`;
  if (!scope.teacherId) return ofSchool;
  return `${ofSchool} AND EXISTS (SELECT 1 FROM education_deliveries vd WHERE vd.activity_id = a.id AND ${classInScope(scope, 'vd.class_id', bind)})`;
}

/** Activity rows, always read through the caller's class scope. */
@Injectable()
export class ActivityRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findVisible(scope: ClassScope, activityId: string, manager: EntityManager = this.dataSource.manager): Promise<ActivityRow | null> {
    const params = new SqlParameters();
    const rows = await manager.query<ActivityRow[]>(
      `SELECT ${ACTIVITY_COLUMNS} FROM ${FROM_ACTIVITIES} WHERE a.id = ${params.bind(activityId)} AND ${visibleActivity(scope, params.bind)}`,
      params.values,
    );
    return rows[0] ?? null;
  }

  /**
   * Locks the activity for an edit or a cancellation. Confirmations take a share lock on it, so
   * an edit never races a class confirming the activity it changes.
   */
  async lockVisible(manager: EntityManager, scope: ClassScope, activityId: string): Promise<ActivityRow | null> {
    const params = new SqlParameters();
    const rows = await manager.query<ActivityRow[]>(
      `SELECT ${ACTIVITY_COLUMNS} FROM ${FROM_ACTIVITIES}
        WHERE a.id = ${params.bind(activityId)} AND ${visibleActivity(scope, params.bind)} FOR UPDATE OF a`,
      params.values,
    );
    return rows[0] ?? null;
  }

  /** Latest first. Each filter has its index: status and dates (school_id, status|starts_at), class and topic (their link tables). */
  listVisible(scope: ClassScope, filter: ActivityFilter, page: PageQuery): Promise<ActivityRow[]> {
    const params = new SqlParameters();
    const where = [visibleActivity(scope, params.bind)];
    if (filter.status?.length) where.push(`a.status = ANY(${params.bind(filter.status)}::text[])`);
    if (filter.classId) {
      where.push(`EXISTS (SELECT 1 FROM education_deliveries fd WHERE fd.activity_id = a.id AND fd.class_id = ${params.bind(filter.classId)})`);
    }
    if (filter.topicId) {
      where.push(`EXISTS (SELECT 1 FROM education_activity_topics ft WHERE ft.activity_id = a.id AND ft.topic_id = ${params.bind(filter.topicId)})`);
    }
    if (filter.from) where.push(`a.starts_at >= ${schoolDayStart(params.bind(filter.from), params.bind(scope.schoolId))}`);
    if (filter.to) where.push(`a.starts_at < ${schoolDayStart(`${params.bind(filter.to)}::date + 1`, params.bind(scope.schoolId))}`);
    if (page.cursor) {
      const [startsAt, id] = decodeCursorAs(page.cursor, ['timestamptz', 'uuid']);
      where.push(`(a.starts_at, a.id) < (${params.bind(startsAt)}::timestamptz, ${params.bind(id)}::uuid)`);
    }
    return this.dataSource.query<ActivityRow[]>(
      `SELECT ${ACTIVITY_COLUMNS} FROM ${FROM_ACTIVITIES} WHERE ${where.join(' AND ')}
        ORDER BY a.starts_at DESC, a.id DESC LIMIT ${params.bind(page.limit + 1)}`,
      params.values,
    );
  }

  async insert(manager: EntityManager, schoolId: string, createdBy: string, details: ActivityDetails): Promise<string> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO education_activities (school_id, kind, title, starts_at, ends_at, place, link, delivered_by_user_id,
         delivered_by_name, materials, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11) RETURNING id`,
      [
        schoolId,
        details.kind,
        details.title,
        details.startsAt,
        details.endsAt,
        details.place,
        details.link,
        details.deliveredByUserId,
        details.deliveredByName,
        JSON.stringify(details.materials),
        createdBy,
      ],
    );
    return rows[0].id;
  }

  /** Writes the edited details if the activity is still planned at `version`; false otherwise. */
  async updateAtVersion(manager: EntityManager, activityId: string, version: number, details: ActivityDetails, at: Date): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `WITH updated AS (
         UPDATE education_activities
            SET kind = $3, title = $4, starts_at = $5, ends_at = $6, place = $7, link = $8, delivered_by_user_id = $9,
                delivered_by_name = $10, materials = $11::jsonb, updated_at = $12, version = version + 1
          WHERE id = $1 AND version = $2 AND status = 'planned'
          RETURNING id)
       SELECT id FROM updated`,
      [
        activityId,
        version,
        details.kind,
        details.title,
        details.startsAt,
        details.endsAt,
        details.place,
        details.link,
        details.deliveredByUserId,
        details.deliveredByName,
        JSON.stringify(details.materials),
        at,
      ],
    );
    return rows.length > 0;
  }

  async cancelAtVersion(manager: EntityManager, activityId: string, version: number, cancel: { by: string; at: Date; reason: string }): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `WITH cancelled AS (
         UPDATE education_activities
            SET status = 'cancelled', cancelled_at = $3, cancelled_by = $4, cancel_reason = $5, updated_at = $3, version = version + 1
          WHERE id = $1 AND version = $2 AND status = 'planned'
          RETURNING id)
       SELECT id FROM cancelled`,
      [activityId, version, cancel.at, cancel.by, cancel.reason],
    );
    return rows.length > 0;
  }

  /** Whether the user is an active staff member of the school (who may be named to deliver). */
  async isActiveStaff(manager: EntityManager, schoolId: string, userId: string): Promise<boolean> {
    const rows = await manager.query('SELECT 1 FROM users WHERE id = $1 AND school_id = $2 AND active', [userId, schoolId]);
    return rows.length > 0;
  }
}
