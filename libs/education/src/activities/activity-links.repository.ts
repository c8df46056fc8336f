import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type ClassScope, SqlParameters } from '#org';
import type { DeliveryStatus } from '../entities/index.js';
import { classInScope } from '../shared/class-scope.sql.js';
import type { TargetRow } from './activity-targets.js';

export interface ActivityTopicRow {
  activityId: string;
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface DeliverySummaryRow {
  activityId: string;
  id: string;
  classId: string;
  className: string;
  gradeName: string;
  status: DeliveryStatus;
  version: number;
  revision: number | null;
  presentCount: number | null;
  classSize: number | null;
  missedCount: number | null;
  confirmedBy: string | null;
  confirmedAt: Date | null;
}

/** What an activity is linked to: its topics and its target classes (deliveries). Set-based, one query per page. */
@Injectable()
export class ActivityLinksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Each requested class, and each class of each requested grade, with whether the caller may target it. */
  targetRows(manager: EntityManager, scope: ClassScope, classIds: string[], gradeIds: string[]): Promise<TargetRow[]> {
    const params = new SqlParameters();
    const school = params.bind(scope.schoolId);
    return manager.query<TargetRow[]>(
      `SELECT 'class' AS "requestedAs", r.id AS "requestedId", c.id AS "classId", (c.id IS NOT NULL AND ${classInScope(scope, 'c.id', params.bind)}) AS "inScope"
         FROM unnest(${params.bind(classIds)}::uuid[]) AS r(id) LEFT JOIN classes c ON c.id = r.id AND c.school_id = ${school}
       UNION ALL
       SELECT 'grade', g.id, c.id, (c.id IS NOT NULL AND ${classInScope(scope, 'c.id', params.bind)})
         FROM unnest(${params.bind(gradeIds)}::uuid[]) AS r(id)
         JOIN grades g ON g.id = r.id AND g.school_id = ${school}
         LEFT JOIN classes c ON c.grade_id = g.id AND c.school_id = ${school}`,
      params.values,
    );
  }

  async replaceTopics(manager: EntityManager, schoolId: string, activityId: string, topicIds: string[]): Promise<void> {
    await manager.query('DELETE FROM education_activity_topics WHERE activity_id = $1', [activityId]);
    await manager.query(
      `INSERT INTO education_activity_topics (activity_id, topic_id, school_id) SELECT $1, t.id, $2 FROM unnest($3::uuid[]) AS t(id)`,
      [activityId, schoolId, topicIds],
    );
  }

  async insertDeliveries(manager: EntityManager, schoolId: string, activityId: string, classIds: string[], startsAt: Date): Promise<void> {
    await manager.query(
      `INSERT INTO education_deliveries (school_id, activity_id, class_id, starts_at) SELECT $1, $2, c.id, $4 FROM unnest($3::uuid[]) AS c(id)`,
      [schoolId, activityId, classIds, startsAt],
    );
  }

  async countDelivered(manager: EntityManager, activityId: string): Promise<number> {
    const [{ n }] = await manager.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM education_deliveries WHERE activity_id = $1 AND status = 'delivered'`,
      [activityId],
    );
    return n;
  }

  /** Keeps the copied start of the deliveries in step with their activity. */
  async moveDeliveries(manager: EntityManager, activityId: string, startsAt: Date, at: Date): Promise<void> {
    await manager.query(
      `WITH moved AS (UPDATE education_deliveries SET starts_at = $2, updated_at = $3 WHERE activity_id = $1 RETURNING id) SELECT count(*) FROM moved`,
      [activityId, startsAt, at],
    );
  }

  /** Deliveries already confirmed stay delivered: they took place. */
  async cancelPlannedDeliveries(manager: EntityManager, activityId: string, at: Date): Promise<void> {
    await manager.query(
      `WITH cancelled AS (
         UPDATE education_deliveries SET status = 'cancelled', updated_at = $2, version = version + 1
          WHERE activity_id = $1 AND status = 'planned' RETURNING id)
       SELECT count(*) FROM cancelled`,
      [activityId, at],
    );
  }

  topicsOf(activityIds: string[], manager: EntityManager = this.dataSource.manager): Promise<ActivityTopicRow[]> {
    return manager.query<ActivityTopicRow[]>(
      `SELECT at.activity_id AS "activityId", t.id, t.code, t.name_zh AS "nameZh", t.name_en AS "nameEn"
         FROM education_activity_topics at JOIN education_topics t ON t.id = at.topic_id
        WHERE at.activity_id = ANY($1::uuid[])
        ORDER BY t.sort_order, t.code, t.id`,
      [activityIds],
    );
  }

  /** The deliveries of the activities in the caller's scope, each with its current confirmation. */
  deliveriesOf(scope: ClassScope, activityIds: string[], manager: EntityManager = this.dataSource.manager): Promise<DeliverySummaryRow[]> {
    const params = new SqlParameters();
    return manager.query<DeliverySummaryRow[]>(
      `SELECT d.activity_id AS "activityId", d.id, d.class_id AS "classId", c.name AS "className", g.name AS "gradeName",
              d.status, d.version, cur.revision, cur.present_count AS "presentCount", cur.class_size AS "classSize",
              cardinality(cur.missed_student_ids) AS "missedCount", cur.confirmed_by AS "confirmedBy", cur.confirmed_at AS "confirmedAt"
         FROM education_deliveries d
         JOIN classes c ON c.id = d.class_id
         JOIN grades g ON g.id = c.grade_id
         LEFT JOIN LATERAL (
           SELECT * FROM education_delivery_confirmations dc WHERE dc.delivery_id = d.id ORDER BY dc.revision DESC LIMIT 1) cur ON TRUE
        WHERE d.activity_id = ANY(${params.bind(activityIds)}::uuid[]) AND d.school_id = ${params.bind(scope.schoolId)}
          AND ${classInScope(scope, 'd.class_id', params.bind)}
        ORDER BY g.sort_order, g.name, c.name, d.id`,
      params.values,
    );
  }
}
