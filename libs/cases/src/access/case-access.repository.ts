import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Uuid } from '#core';
import type { Caller } from '#access';
import type { AuditEntry } from '#audit';
import { caseNotFound } from '../case-problems.js';
import type { CaseRiskLevel, CaseSource, CaseState } from '../entities/case.entity.js';

export interface CaseRow {
  id: Uuid;
  schoolId: Uuid;
  studentId: Uuid;
  studentName: string;
  className: string;
  state: CaseState;
  riskLevel: CaseRiskLevel;
  ownerId: Uuid;
  /** What the case was opened from; `manual` when from nothing. */
  sourceType: CaseSource;
  sourceId: Uuid | null;
  openedAt: Date;
  openedBy: Uuid;
  closedAt: Date | null;
  reopenCount: number;
  version: number;
}

/** How the caller reaches a case: as a member of its team, or through a break-glass grant. */
export type CaseAccess = { via: 'team' } | { via: 'break_glass'; grantId: string };

export const CASE_COLUMNS = `c.id, c.school_id AS "schoolId", c.student_id AS "studentId", s.name AS "studentName",
  cl.name AS "className", c.state, c.risk_level AS "riskLevel", c.owner_id AS "ownerId", c.source_type AS "sourceType",
  c.source_id AS "sourceId", c.opened_at AS "openedAt", c.opened_by AS "openedBy", c.closed_at AS "closedAt",
  c.reopen_count AS "reopenCount", c.version`;

/**
 * The one place that decides who reaches a case's clinical content: its current team, or a
 * user holding an unexpired break-glass grant for the student. Everyone else gets nothing,
 * which the services answer as 404, like a missing case.
 */
@Injectable()
export class CaseAccessRepository {
  async findAccessible(
    manager: EntityManager,
    caller: Caller,
    caseId: string,
    now: Date,
    options: { lock?: boolean } = {},
  ): Promise<{ row: CaseRow; access: CaseAccess } | null> {
    const rows = await manager.query<(CaseRow & { isMember: boolean; grantId: string | null })[]>(
      `SELECT ${CASE_COLUMNS},
              EXISTS (SELECT 1 FROM case_team_members m WHERE m.case_id = c.id AND m.user_id = $3 AND m.removed_at IS NULL) AS "isMember",
              (SELECT g.id FROM break_glass_grants g
                WHERE g.user_id = $3 AND g.student_id = c.student_id AND g.school_id = c.school_id AND g.expires_at > $4
                ORDER BY g.expires_at DESC LIMIT 1) AS "grantId"
         FROM cases c JOIN students s ON s.id = c.student_id JOIN classes cl ON cl.id = s.class_id
        WHERE c.id = $1 AND c.school_id = $2
        ${options.lock ? 'FOR NO KEY UPDATE OF c' : ''}`,
      [caseId, caller.schoolId, caller.userId, now],
    );
    const found = rows[0];
    if (!found) return null;
    const { isMember, grantId, ...row } = found;
    if (isMember) return { row, access: { via: 'team' } };
    if (grantId) return { row, access: { via: 'break_glass', grantId } };
    return null;
  }

  /** As findAccessible, answering 404 (like a missing case) when the caller does not reach it. */
  async requireAccessible(manager: EntityManager, caller: Caller, caseId: string, now: Date, options: { lock?: boolean } = {}): Promise<AccessibleCase> {
    const found = await this.findAccessible(manager, caller, caseId, now, options);
    if (!found) throw caseNotFound();
    return found;
  }
}

export interface AccessibleCase {
  row: CaseRow;
  access: CaseAccess;
}

/** An audit entry for reading something of a case, recorded as break-glass where it was. */
export function caseReadEntry(action: string, found: AccessibleCase): AuditEntry {
  return { action, entityType: 'case', entityId: found.row.id, studentId: found.row.studentId, breakGlassGrantId: grantOf(found.access) };
}

/** For audit entries: a break-glass read or write is recorded as such. */
export function grantOf(access: CaseAccess): string | undefined {
  return access.via === 'break_glass' ? access.grantId : undefined;
}
