import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { decodeCursorAs, type PageQuery } from '#core';
import { SqlParameters } from '#org';
import { HOLIDAY_SAFETY_PLAN_UNIQUE } from '../entities/holiday-safety-plan.entity.js';
import type { SafetyPlanSummary, SafetyPlanView } from './safety-plan.dtos.js';

/** A plan as stored, with its student and class: the text still encrypted. */
export type SafetyPlanRow = SafetyPlanView;

const SUMMARY_COLUMNS = `p.id, p.holiday_id AS "holidayId", p.student_id AS "studentId", s.name AS "studentName", c.name AS "className",
  p.recorded_by AS "recordedBy", p.created_at AS "createdAt", p.updated_at AS "updatedAt", p.version`;
const PLAN_COLUMNS = `${SUMMARY_COLUMNS}, p.plan`;

/** Who may see which plans in a list: every plan of the school, or only those of students the caller holds a grant for. */
export type PlanListScope = { kind: 'school' } | { kind: 'break_glass'; userId: string; at: Date };

/** Holiday safety plans; every query is scoped to the school. */
@Injectable()
export class SafetyPlanRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}



  /** Inserts the plan; false when the student has one for the holiday already. */
  async insert(manager: EntityManager, row: { id: string; schoolId: string; holidayId: string; studentId: string; plan: string; userId: string; at: Date }): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO holiday_safety_plans (id, school_id, holiday_id, student_id, plan, recorded_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
       ON CONFLICT ON CONSTRAINT ${HOLIDAY_SAFETY_PLAN_UNIQUE} DO NOTHING
       RETURNING id`,
      [row.id, row.schoolId, row.holidayId, row.studentId, row.plan, row.userId, row.at],
    );
    return rows.length > 0;
  }

  /** The plan of the holiday in the school, whoever asks: the service decides who may read it. */
  async find(manager: EntityManager, schoolId: string, holidayId: string, planId: string): Promise<SafetyPlanRow | null> {
    const rows = await manager.query<SafetyPlanRow[]>(
      `SELECT ${PLAN_COLUMNS} FROM holiday_safety_plans p JOIN students s ON s.id = p.student_id JOIN classes c ON c.id = s.class_id
        WHERE p.id = $1 AND p.holiday_id = $2 AND p.school_id = $3`,
      [planId, holidayId, schoolId],
    );
    return rows[0] ?? null;
  }

  /** Replaces the text only at `version`; false when the plan is missing or someone changed it first. */
  async reviseAtVersion(manager: EntityManager, change: { id: string; schoolId: string; holidayId: string; version: number; plan: string; at: Date }): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `WITH revised AS (
         UPDATE holiday_safety_plans SET plan = $5, updated_at = $6, version = version + 1
          WHERE id = $1 AND school_id = $2 AND holiday_id = $3 AND version = $4
          RETURNING id)
       SELECT id FROM revised`,
      [change.id, change.schoolId, change.holidayId, change.version, change.plan, change.at],
    );
    return rows.length > 0;
  }

  /**
   * The holiday's plans in the caller's scope, by student id (the unique (holiday, student) index
   * serves both the order and the filter); null when the holiday is not the school's.
   */
  async list(schoolId: string, holidayId: string, scope: PlanListScope, studentId: string | undefined, page: PageQuery): Promise<SafetyPlanSummary[] | null> {
    const params = new SqlParameters();
    const where = ['p.holiday_id = h.id', 'p.school_id = h.school_id'];
    if (studentId) where.push(`p.student_id = ${params.bind(studentId)}`);
    if (scope.kind === 'break_glass') {
      where.push(`EXISTS (SELECT 1 FROM break_glass_grants g
                           WHERE g.user_id = ${params.bind(scope.userId)} AND g.student_id = p.student_id AND g.school_id = p.school_id
                             AND g.expires_at > ${params.bind(scope.at)})`);
    }
    if (page.cursor) {
      const [after] = decodeCursorAs(page.cursor, ['uuid']);
      where.push(`p.student_id > ${params.bind(after)}::uuid`);
    }
    const inner = `SELECT ${SUMMARY_COLUMNS} FROM holiday_safety_plans p JOIN students s ON s.id = p.student_id JOIN classes c ON c.id = s.class_id
                    WHERE ${where.join(' AND ')} ORDER BY p.student_id LIMIT ${params.bind(page.limit + 1)}`;
    // One query tells "no such holiday here" (no row) from "no plans" (one row of nulls).
    const rows = await this.dataSource.query<(SafetyPlanSummary | { id: null })[]>(
      `SELECT x.* FROM school_holidays h LEFT JOIN LATERAL (${inner}) x ON true WHERE h.id = ${params.bind(holidayId)} AND h.school_id = ${params.bind(schoolId)}`,
      params.values,
    );
    if (rows.length === 0) return null;
    return rows.filter((row): row is SafetyPlanSummary => row.id !== null);
  }
}
