import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { decodeCursorAs, type PageQuery } from '#core';
import { type ClassScope, SqlParameters } from '#org';
import type { DeliveryStatus } from '../entities/index.js';
import { classInScope } from '../shared/class-scope.sql.js';
import type { ClassRoll } from './confirmation-checks.js';
import type { DeliveryConfirmationView, DeliveryView } from './confirmation.dtos.js';

export type DeliveryRow = Omit<DeliveryView, 'confirmation'>;

export interface LockedDelivery {
  id: string;
  classId: string;
  status: DeliveryStatus;
  version: number;
  startsAt: Date;
}

export interface ConfirmationValues {
  presentCount: number;
  missedStudentIds: string[];
  note: string | null;
}

const CONFIRMATION_COLUMNS = `dc.id, dc.delivery_id AS "deliveryId", dc.revision,
  dc.revision = (SELECT max(x.revision) FROM education_delivery_confirmations x WHERE x.delivery_id = dc.delivery_id) AS current,
  dc.present_count AS "presentCount", dc.class_size AS "classSize",
  COALESCE((SELECT json_agg(json_build_object('id', s.id, 'name', s.name, 'studentNumber', s.student_number) ORDER BY s.student_number, s.id)
              FROM students s WHERE s.id = ANY(dc.missed_student_ids)), '[]'::json) AS "missedStudents",
  dc.note, dc.confirmed_by AS "confirmedBy", dc.confirmed_at AS "confirmedAt"`;

/** Deliveries (one target class of an activity) and their confirmation history. */
@Injectable()
export class DeliveryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findVisible(scope: ClassScope, deliveryId: string): Promise<DeliveryRow | null> {
    const params = new SqlParameters();
    const rows = await this.dataSource.query<DeliveryRow[]>(
      `SELECT d.id, d.activity_id AS "activityId", a.title AS "activityTitle", d.class_id AS "classId", c.name AS "className",
              g.name AS "gradeName", d.starts_at AS "startsAt", d.status, d.version
         FROM education_deliveries d
         JOIN education_activities a ON a.id = d.activity_id
         JOIN classes c ON c.id = d.class_id
         JOIN grades g ON g.id = c.grade_id
        WHERE d.id = ${params.bind(deliveryId)} AND d.school_id = ${params.bind(scope.schoolId)} AND ${classInScope(scope, 'd.class_id', params.bind)}`,
      params.values,
    );
    return rows[0] ?? null;
  }

  /**
   * Takes a share lock on the delivery's activity (edits and cancellation lock it for update) and
   * then locks the delivery: always in this order, so a confirmation and an edit never deadlock.
   * Null when the delivery is missing or out of the caller's scope.
   */
  async lockVisible(manager: EntityManager, scope: ClassScope, deliveryId: string): Promise<LockedDelivery | null> {
    const params = new SqlParameters();
    const activity = await manager.query<{ id: string }[]>(
      `SELECT a.id FROM education_activities a
        WHERE a.id = (SELECT d.activity_id FROM education_deliveries d
                       WHERE d.id = ${params.bind(deliveryId)} AND d.school_id = ${params.bind(scope.schoolId)}
                         AND ${classInScope(scope, 'd.class_id', params.bind)})
        FOR SHARE`,
      params.values,
    );
    if (activity.length === 0) return null;
    const rows = await manager.query<LockedDelivery[]>(
      `SELECT id, class_id AS "classId", status, version, starts_at AS "startsAt" FROM education_deliveries WHERE id = $1 FOR UPDATE`,
      [deliveryId],
    );
    return rows[0] ?? null;
  }

  /** The enrolled students of the class, counted, and which of the named ones are among them. */
  async classRoll(manager: EntityManager, classId: string, studentIds: string[]): Promise<ClassRoll> {
    const [row] = await manager.query<{ classSize: number; enrolled: string[] }[]>(
      `SELECT count(*)::int AS "classSize", COALESCE(array_agg(s.id::text) FILTER (WHERE s.id = ANY($2::uuid[])), '{}') AS enrolled
         FROM students s WHERE s.class_id = $1 AND s.status = 'enrolled'`,
      [classId, studentIds],
    );
    return { classSize: row.classSize, enrolledMissed: new Set(row.enrolled) };
  }

  async currentConfirmation(manager: EntityManager, deliveryId: string): Promise<ConfirmationValues | null> {
    const rows = await manager.query<ConfirmationValues[]>(
      `SELECT present_count AS "presentCount", missed_student_ids::text[] AS "missedStudentIds", note
         FROM education_delivery_confirmations WHERE delivery_id = $1 ORDER BY revision DESC LIMIT 1`,
      [deliveryId],
    );
    return rows[0] ?? null;
  }

  /** Appends the next revision; the delivery is locked, so revisions cannot collide. */
  async insertConfirmation(
    manager: EntityManager,
    confirmation: ConfirmationValues & { schoolId: string; deliveryId: string; classSize: number; confirmedBy: string; confirmedAt: Date },
  ): Promise<string> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO education_delivery_confirmations
         (school_id, delivery_id, revision, present_count, class_size, missed_student_ids, note, confirmed_by, confirmed_at)
       SELECT $1, $2, COALESCE(max(revision), 0) + 1, $3, $4, $5::uuid[], $6, $7, $8
         FROM education_delivery_confirmations WHERE delivery_id = $2
       RETURNING id`,
      [
        confirmation.schoolId,
        confirmation.deliveryId,
        confirmation.presentCount,
        confirmation.classSize,
        confirmation.missedStudentIds,
        confirmation.note,
        confirmation.confirmedBy,
        confirmation.confirmedAt,
      ],
    );
    return rows[0].id;
  }

  async markDeliveredAtVersion(manager: EntityManager, deliveryId: string, version: number, at: Date): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `WITH confirmed AS (
         UPDATE education_deliveries SET status = 'delivered', updated_at = $3, version = version + 1
          WHERE id = $1 AND version = $2 AND status <> 'cancelled'
          RETURNING id)
       SELECT id FROM confirmed`,
      [deliveryId, version, at],
    );
    return rows.length > 0;
  }

  /** Newest revision first; the (delivery_id, revision) key serves the order. */
  confirmationsOf(deliveryId: string, page: PageQuery): Promise<DeliveryConfirmationView[]> {
    const params: unknown[] = [deliveryId];
    let before = '';
    if (page.cursor) {
      params.push(...decodeCursorAs(page.cursor, ['int']));
      before = 'AND dc.revision < $2::int';
    }
    params.push(page.limit + 1);
    return this.dataSource.query<DeliveryConfirmationView[]>(
      `SELECT ${CONFIRMATION_COLUMNS} FROM education_delivery_confirmations dc
        WHERE dc.delivery_id = $1 ${before} ORDER BY dc.revision DESC LIMIT $${params.length}`,
      params,
    );
  }

  async confirmation(deliveryId: string, confirmationId: string | null): Promise<DeliveryConfirmationView | null> {
    const rows = await this.dataSource.query<DeliveryConfirmationView[]>(
      `SELECT ${CONFIRMATION_COLUMNS} FROM education_delivery_confirmations dc
        WHERE dc.delivery_id = $1 AND ($2::uuid IS NULL OR dc.id = $2) ORDER BY dc.revision DESC LIMIT 1`,
      [deliveryId, confirmationId],
    );
    return rows[0] ?? null;
  }
}
