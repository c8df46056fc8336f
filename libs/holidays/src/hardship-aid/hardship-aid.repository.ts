import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { decodeCursorAs, type PageQuery } from '#core';
import { type Caller, ROLE_REACH } from '#access';
import { SqlParameters, visibleStudentsCondition } from '#org';
import type { HardshipAidStatus } from '../entities/hardship-aid.entity.js';
import type { HardshipAidStepView } from './hardship-aid.dtos.js';

/** An application as stored, with its student and class: the free text still encrypted. */
export interface HardshipAidRow {
  id: string;
  holidayId: string;
  studentId: string;
  studentName: string;
  classId: string;
  className: string;
  status: HardshipAidStatus;
  amountRequestedFen: number;
  circumstances: string;
  appliedBy: string;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  rejectionReason: string | null;
  amountPaidFen: number | null;
  paidAt: Date | null;
  paymentReference: string | null;
  paidBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

const APPLICATION_COLUMNS = `a.id, a.holiday_id AS "holidayId", a.student_id AS "studentId", s.name AS "studentName", c.id AS "classId", c.name AS "className",
  a.status, a.amount_requested_fen AS "amountRequestedFen", a.circumstances, a.applied_by AS "appliedBy", a.reviewed_by AS "reviewedBy",
  a.reviewed_at AS "reviewedAt", a.rejection_reason AS "rejectionReason", a.amount_paid_fen AS "amountPaidFen", a.paid_at AS "paidAt",
  a.payment_reference AS "paymentReference", a.paid_by AS "paidBy", a.created_at AS "createdAt", a.updated_at AS "updatedAt", a.version`;

/**
 * The applications a caller may see, as a SQL condition on `a` (applications) and `s` (students):
 * the school's students the caller reaches and, for a class teacher, only what they applied for.
 */
function visibleApplicationsCondition(caller: Caller, params: SqlParameters): string {
  const reach = visibleStudentsCondition(caller, 's', params.bind);
  return ROLE_REACH[caller.role] === 'school' ? `a.school_id = s.school_id AND ${reach}` : `a.school_id = s.school_id AND ${reach} AND a.applied_by = ${params.bind(caller.userId)}`;
}

export interface StatusChange {
  id: string;
  schoolId: string;
  version: number;
  to: HardshipAidStatus;
  userId: string;
  at: Date;
  rejectionReason: string | null;
  amountPaidFen: number | null;
  paymentReference: string | null;
}

/** Hardship-aid applications and their history; every query is scoped to the school. */
@Injectable()
export class HardshipAidRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}



  /**
   * Whether the student's holiday category marks them disaster-affected (null: not registered),
   * locked against a change until the application is in.
   */
  async disasterAffected(manager: EntityManager, schoolId: string, holidayId: string, studentId: string): Promise<boolean | null> {
    const rows = await manager.query<{ disasterAffected: boolean }[]>(
      `SELECT disaster_affected AS "disasterAffected" FROM holiday_categories WHERE holiday_id = $1 AND student_id = $2 AND school_id = $3 FOR SHARE`,
      [holidayId, studentId, schoolId],
    );
    return rows[0]?.disasterAffected ?? null;
  }

  /** Inserts a submitted application; false when the student has an open one for the holiday already. */
  async insert(
    manager: EntityManager,
    row: { id: string; schoolId: string; holidayId: string; studentId: string; amountRequestedFen: number; circumstances: string; userId: string; at: Date },
  ): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO hardship_aid_applications (id, school_id, holiday_id, student_id, status, amount_requested_fen, circumstances, applied_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'submitted', $5, $6, $7, $8, $8)
       ON CONFLICT (holiday_id, student_id) WHERE status IN ('submitted', 'approved') DO NOTHING
       RETURNING id`,
      [row.id, row.schoolId, row.holidayId, row.studentId, row.amountRequestedFen, row.circumstances, row.userId, row.at],
    );
    return rows.length > 0;
  }

  async insertStep(manager: EntityManager, step: { applicationId: string; from: HardshipAidStatus | null; to: HardshipAidStatus; userId: string; at: Date }): Promise<void> {
    await manager.query(`INSERT INTO hardship_aid_transitions (application_id, from_status, to_status, actor_id, at) VALUES ($1, $2, $3, $4, $5)`, [
      step.applicationId,
      step.from,
      step.to,
      step.userId,
      step.at,
    ]);
  }

  /** The application in the caller's sight, locked for the write when `forUpdate`. */
  async find(manager: EntityManager, caller: Caller, holidayId: string, applicationId: string, forUpdate = false): Promise<HardshipAidRow | null> {
    const params = new SqlParameters();
    const rows = await manager.query<HardshipAidRow[]>(
      `SELECT ${APPLICATION_COLUMNS} FROM hardship_aid_applications a JOIN students s ON s.id = a.student_id JOIN classes c ON c.id = s.class_id
        WHERE a.id = ${params.bind(applicationId)} AND a.holiday_id = ${params.bind(holidayId)} AND ${visibleApplicationsCondition(caller, params)}
        ${forUpdate ? 'FOR UPDATE OF a' : ''}`,
      params.values,
    );
    return rows[0] ?? null;
  }

  /** Moves the application only at `version`; false when someone changed it first. */
  async changeStatus(manager: EntityManager, change: StatusChange): Promise<boolean> {
    const reviewed = change.to === 'approved' || change.to === 'rejected';
    const paid = change.to === 'paid';
    const rows = await manager.query<{ id: string }[]>(
      `WITH changed AS (
         UPDATE hardship_aid_applications
            SET status = $4, updated_at = $5, version = version + 1,
                reviewed_by = CASE WHEN $6 THEN $7::uuid ELSE reviewed_by END,
                reviewed_at = CASE WHEN $6 THEN $5 ELSE reviewed_at END,
                rejection_reason = $8,
                amount_paid_fen = CASE WHEN $9 THEN $10::integer ELSE amount_paid_fen END,
                payment_reference = CASE WHEN $9 THEN $11 ELSE payment_reference END,
                paid_at = CASE WHEN $9 THEN $5 ELSE paid_at END,
                paid_by = CASE WHEN $9 THEN $7::uuid ELSE paid_by END
          WHERE id = $1 AND school_id = $2 AND version = $3
          RETURNING id)
       SELECT id FROM changed`,
      [change.id, change.schoolId, change.version, change.to, change.at, reviewed, change.userId, change.rejectionReason, paid, change.amountPaidFen, change.paymentReference],
    );
    return rows.length > 0;
  }

  async history(manager: EntityManager, applicationId: string): Promise<HardshipAidStepView[]> {
    return manager.query<HardshipAidStepView[]>(
      `SELECT t.from_status AS "from", t.to_status AS "to", t.actor_id AS "actorId", u.display_name AS "actorName", t.at
         FROM hardship_aid_transitions t JOIN users u ON u.id = t.actor_id
        WHERE t.application_id = $1 ORDER BY t.at, t.id`,
      [applicationId],
    );
  }

  /** The holiday's applications in the caller's sight, oldest first; null when no such holiday. */
  async list(caller: Caller, holidayId: string, status: HardshipAidStatus | undefined, page: PageQuery): Promise<HardshipAidRow[] | null> {
    const params = new SqlParameters();
    const where = ['a.holiday_id = h.id', visibleApplicationsCondition(caller, params)];
    if (status) where.push(`a.status = ${params.bind(status)}`);
    if (page.cursor) {
      const [createdAt, id] = decodeCursorAs(page.cursor, ['timestamptz', 'uuid']);
      where.push(`(a.created_at, a.id) > (${params.bind(createdAt)}::timestamptz, ${params.bind(id)}::uuid)`);
    }
    const inner = `SELECT ${APPLICATION_COLUMNS} FROM hardship_aid_applications a JOIN students s ON s.id = a.student_id JOIN classes c ON c.id = s.class_id
                    WHERE ${where.join(' AND ')} ORDER BY a.created_at, a.id LIMIT ${params.bind(page.limit + 1)}`;
    const rows = await this.dataSource.query<(HardshipAidRow | { id: null })[]>(
      `SELECT x.* FROM school_holidays h LEFT JOIN LATERAL (${inner}) x ON true WHERE h.id = ${params.bind(holidayId)} AND h.school_id = ${params.bind(caller.schoolId)}`,
      params.values,
    );
    if (rows.length === 0) return null;
    return rows.filter((row): row is HardshipAidRow => row.id !== null);
  }
}
