import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { decodeCursorAs, type PageQuery } from '#core';
import type { AvailabilityException, SessionMode, WeeklyRule } from './availability.js';

export interface RuleRow extends WeeklyRule {
  id: string;
  counselorId: string;
  createdAt: Date;
}

export interface ExceptionRow extends AvailabilityException {
  id: string;
  counselorId: string;
  createdAt: Date;
}

export interface CounselorRow {
  id: string;
  displayName: string;
}

const RULE_COLUMNS = `id, counselor_id AS "counselorId", weekday, start_minute AS "startMinute", end_minute AS "endMinute", mode, place,
  created_at AS "createdAt"`;
const EXCEPTION_COLUMNS = `id, counselor_id AS "counselorId", kind, starts_at AS "startsAt", ends_at AS "endsAt", mode, place,
  created_at AS "createdAt"`;

/** Counselors' weekly rules and exceptions; every query is already within one counselor the service let the caller reach. */
@Injectable()
export class AvailabilityRepository {
  /** An active counselor (or head of counseling) of the school. */
  async findCounselor(manager: EntityManager, schoolId: string, counselorId: string): Promise<CounselorRow | null> {
    const rows = await manager.query<CounselorRow[]>(
      `SELECT id, display_name AS "displayName" FROM users
        WHERE id = $1 AND school_id = $2 AND active AND role IN ('counselor', 'counseling_lead')`,
      [counselorId, schoolId],
    );
    return rows[0] ?? null;
  }

  async rulesOf(manager: EntityManager, counselorId: string): Promise<RuleRow[]> {
    return manager.query<RuleRow[]>(`SELECT ${RULE_COLUMNS} FROM counselor_availability_rules WHERE counselor_id = $1`, [counselorId]);
  }

  async findRule(manager: EntityManager, counselorId: string, ruleId: string): Promise<RuleRow | null> {
    const rows = await manager.query<RuleRow[]>(`SELECT ${RULE_COLUMNS} FROM counselor_availability_rules WHERE id = $1 AND counselor_id = $2`, [ruleId, counselorId]);
    return rows[0] ?? null;
  }

  async findException(manager: EntityManager, counselorId: string, exceptionId: string): Promise<ExceptionRow | null> {
    const rows = await manager.query<ExceptionRow[]>(
      `SELECT ${EXCEPTION_COLUMNS} FROM counselor_availability_exceptions WHERE id = $1 AND counselor_id = $2`,
      [exceptionId, counselorId],
    );
    return rows[0] ?? null;
  }

    /** Exceptions touching [from, to). */
  async exceptionsBetween(manager: EntityManager, counselorId: string, from: Date, to: Date): Promise<ExceptionRow[]> {
    return manager.query<ExceptionRow[]>(
      `SELECT ${EXCEPTION_COLUMNS} FROM counselor_availability_exceptions
        WHERE counselor_id = $1 AND starts_at < $3 AND ends_at > $2`,
      [counselorId, from, to],
    );
  }

  /** By weekday and start (`counselor_availability_rules_counselor_idx`). */
  async listRules(manager: EntityManager, counselorId: string, page: PageQuery): Promise<RuleRow[]> {
    const params: unknown[] = [counselorId, page.limit + 1];
    let after = '';
    if (page.cursor) {
      params.push(...decodeCursorAs(page.cursor, ['int', 'int', 'uuid']));
      after = 'AND (weekday, start_minute, id) > ($3::int, $4::int, $5::uuid)';
    }
    return manager.query<RuleRow[]>(
      `SELECT ${RULE_COLUMNS} FROM counselor_availability_rules WHERE counselor_id = $1 ${after}
        ORDER BY weekday, start_minute, id LIMIT $2`,
      params,
    );
  }

  /** Soonest first (`counselor_availability_exceptions_counselor_idx`). */
  async listExceptions(manager: EntityManager, counselorId: string, endingAfter: Date | null, page: PageQuery): Promise<ExceptionRow[]> {
    const params: unknown[] = [counselorId, endingAfter, page.limit + 1];
    let after = '';
    if (page.cursor) {
      params.push(...decodeCursorAs(page.cursor, ['timestamptz', 'uuid']));
      after = 'AND (starts_at, id) > ($4::timestamptz, $5::uuid)';
    }
    return manager.query<ExceptionRow[]>(
      `SELECT ${EXCEPTION_COLUMNS} FROM counselor_availability_exceptions
        WHERE counselor_id = $1 AND ($2::timestamptz IS NULL OR ends_at > $2::timestamptz) ${after}
        ORDER BY starts_at, id LIMIT $3`,
      params,
    );
  }

  async insertRule(
    manager: EntityManager,
    rule: { schoolId: string; counselorId: string; weekday: number; startMinute: number; endMinute: number; mode: SessionMode; place: string | null; createdBy: string; at: Date },
  ): Promise<RuleRow> {
    const rows = await manager.query<RuleRow[]>(
      `INSERT INTO counselor_availability_rules (school_id, counselor_id, weekday, start_minute, end_minute, mode, place, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${RULE_COLUMNS}`,
      [rule.schoolId, rule.counselorId, rule.weekday, rule.startMinute, rule.endMinute, rule.mode, rule.place, rule.createdBy, rule.at],
    );
    return rows[0];
  }

  async insertException(
    manager: EntityManager,
    exception: { schoolId: string; counselorId: string; kind: string; startsAt: Date; endsAt: Date; mode: SessionMode | null; place: string | null; createdBy: string; at: Date },
  ): Promise<ExceptionRow> {
    const rows = await manager.query<ExceptionRow[]>(
      `INSERT INTO counselor_availability_exceptions (school_id, counselor_id, kind, starts_at, ends_at, mode, place, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${EXCEPTION_COLUMNS}`,
      [exception.schoolId, exception.counselorId, exception.kind, exception.startsAt, exception.endsAt, exception.mode, exception.place, exception.createdBy, exception.at],
    );
    return rows[0];
  }

  /** Whether the rule (or exception) existed for this counselor and is now gone. */
  async delete(manager: EntityManager, table: 'counselor_availability_rules' | 'counselor_availability_exceptions', counselorId: string, id: string): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `WITH deleted AS (DELETE FROM ${table} WHERE id = $1 AND counselor_id = $2 RETURNING id) SELECT id FROM deleted`,
      [id, counselorId],
    );
    return rows.length > 0;
  }
}
