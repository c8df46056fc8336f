import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { decodeCursorAs, type PageQuery, type Uuid } from '#core';
import type { Caller } from '#access';
import { SqlParameters, visibleStudentsCondition } from '#org';
import type { FlagCategory, FlagSeverity, FlagStatus } from './entities/concern-flag.entity.js';

export interface FlagRow {
  id: Uuid;
  studentId: Uuid;
  studentName: string;
  className: string;
  raisedBy: Uuid;
  category: FlagCategory;
  severity: FlagSeverity;
  observedAt: Date;
  observation: string;
  status: FlagStatus;
  triagedBy: Uuid | null;
  triagedAt: Date | null;
  triageReason: string | null;
  alertId: Uuid | null;
  createdAt: Date;
  version: number;
}

const FLAG_COLUMNS = `f.id, f.student_id AS "studentId", s.name AS "studentName", c.name AS "className", f.raised_by AS "raisedBy",
  f.category, f.severity, f.observed_at AS "observedAt", f.observation, f.status, f.triaged_by AS "triagedBy",
  f.triaged_at AS "triagedAt", f.triage_reason AS "triageReason", f.alert_id AS "alertId", f.created_at AS "createdAt", f.version`;

/** Who sees which flags: counselors their school's; a class teacher only those they raised. */
function visibleFlagsCondition(caller: Caller, bind: (value: unknown) => string): string {
  const ofSchool = `f.school_id = ${bind(caller.schoolId)}`;
  return caller.role === 'class_teacher' ? `${ofSchool} AND f.raised_by = ${bind(caller.userId)}` : ofSchool;
}

@Injectable()
export class ConcernFlagRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The student, if the caller may flag them (a class teacher: only students of their classes). */
  async findFlaggableStudent(manager: EntityManager, caller: Caller, studentId: string): Promise<{ id: string } | null> {
    const params = new SqlParameters();
    const rows = await manager.query<{ id: string }[]>(
      `SELECT s.id FROM students s WHERE s.id = ${params.bind(studentId)} AND ${visibleStudentsCondition(caller, 's', params.bind)}`,
      params.values,
    );
    return rows[0] ?? null;
  }

  async insert(
    manager: EntityManager,
    flag: { id: string; schoolId: string; studentId: string; raisedBy: string; category: string; severity: string; observedAt: Date; observation: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO concern_flags (id, school_id, student_id, raised_by, category, severity, observed_at, observation)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [flag.id, flag.schoolId, flag.studentId, flag.raisedBy, flag.category, flag.severity, flag.observedAt, flag.observation],
    );
  }

  async linkAlert(manager: EntityManager, flagId: string, alertId: string): Promise<void> {
    await manager.query('UPDATE concern_flags SET alert_id = $2 WHERE id = $1', [flagId, alertId]);
  }

  async findVisible(caller: Caller, flagId: string): Promise<FlagRow | null> {
    const params = new SqlParameters();
    const rows = await this.dataSource.query<FlagRow[]>(
      `SELECT ${FLAG_COLUMNS} FROM concern_flags f JOIN students s ON s.id = f.student_id JOIN classes c ON c.id = s.class_id
        WHERE f.id = ${params.bind(flagId)} AND ${visibleFlagsCondition(caller, params.bind)}`,
      params.values,
    );
    return rows[0] ?? null;
  }

  /** Newest first. */
  async listVisible(
    caller: Caller,
    filter: { status?: FlagStatus[]; severity?: FlagSeverity[]; studentId?: string },
    page: PageQuery,
  ): Promise<FlagRow[]> {
    const params = new SqlParameters();
    const where = [visibleFlagsCondition(caller, params.bind)];
    if (filter.status?.length) where.push(`f.status = ANY(${params.bind(filter.status)}::text[])`);
    if (filter.severity?.length) where.push(`f.severity = ANY(${params.bind(filter.severity)}::text[])`);
    if (filter.studentId) where.push(`f.student_id = ${params.bind(filter.studentId)}`);
    if (page.cursor) {
      const [createdAt, id] = decodeCursorAs(page.cursor, ['timestamptz', 'uuid']);
      where.push(`(f.created_at, f.id) < (${params.bind(createdAt)}::timestamptz, ${params.bind(id)}::uuid)`);
    }
    return this.dataSource.query<FlagRow[]>(
      `SELECT ${FLAG_COLUMNS} FROM concern_flags f JOIN students s ON s.id = f.student_id JOIN classes c ON c.id = s.class_id
        WHERE ${where.join(' AND ')}
        ORDER BY f.created_at DESC, f.id DESC
        LIMIT ${params.bind(page.limit + 1)}`,
      params.values,
    );
  }

  /** Applies a triage decision if the flag is still at the version and status the counselor saw. */
  async triage(
    manager: EntityManager,
    update: { schoolId: string; flagId: string; from: FlagStatus; to: FlagStatus; version: number; userId: string; at: Date; reason: string | null },
  ): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `WITH triaged AS (
         UPDATE concern_flags
            SET status = $4, triaged_by = $6, triaged_at = $7, triage_reason = COALESCE($8, triage_reason),
                updated_at = $7, version = version + 1
          WHERE id = $1 AND school_id = $2 AND status = $3 AND version = $5
          RETURNING id)
       SELECT id FROM triaged`,
      [update.flagId, update.schoolId, update.from, update.to, update.version, update.userId, update.at, update.reason],
    );
    return rows.length > 0;
  }
}
