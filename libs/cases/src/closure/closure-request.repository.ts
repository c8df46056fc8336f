import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Uuid } from '#core';
import { CASE_COLUMNS, type CaseRow } from '../access/case-access.repository.js';
import type { ClosureRequestStatus } from '../entities/case-closure-request.entity.js';
import type { CaseRiskLevel } from '../entities/case.entity.js';

export interface ClosureRequestRow {
  id: Uuid;
  caseId: Uuid;
  requestedBy: Uuid;
  /** Still encrypted, as is the waiver; the service decrypts. */
  reason: string;
  guardianContactWaiver: string | null;
  status: ClosureRequestStatus;
  createdAt: Date;
}

const REQUEST_COLUMNS = `r.id, r.case_id AS "caseId", r.requested_by AS "requestedBy", r.reason,
  r.guardian_contact_waiver AS "guardianContactWaiver", r.status, r.created_at AS "createdAt"`;

@Injectable()
export class ClosureRequestRepository {
  async hasReachedGuardian(manager: EntityManager, caseId: string): Promise<boolean> {
    const rows = await manager.query(
      `SELECT 1 FROM case_contacts WHERE case_id = $1 AND counterpart = 'guardian' AND outcome = 'reached' LIMIT 1`,
      [caseId],
    );
    return rows.length > 0;
  }

  /** Null when the case already has a pending request (one at a time, by a partial unique index). */
  async insertPending(
    manager: EntityManager,
    request: { id: string; schoolId: string; caseId: string; requestedBy: string; reason: string; guardianContactWaiver: string | null },
  ): Promise<string | null> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO case_closure_requests (id, school_id, case_id, requested_by, reason, guardian_contact_waiver)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (case_id) WHERE status = 'pending' DO NOTHING RETURNING id`,
      [request.id, request.schoolId, request.caseId, request.requestedBy, request.reason, request.guardianContactWaiver],
    );
    return rows[0]?.id ?? null;
  }

  /** The request and its case, locked, for a decision by someone who need not be on the team. */
  async findPendingForDecision(
    manager: EntityManager,
    schoolId: string,
    caseId: string,
    requestId: string,
  ): Promise<{ request: ClosureRequestRow; row: CaseRow } | null> {
    const [row] = await manager.query<CaseRow[]>(
      `SELECT ${CASE_COLUMNS}
         FROM cases c JOIN students s ON s.id = c.student_id JOIN classes cl ON cl.id = s.class_id
        WHERE c.id = $1 AND c.school_id = $2
        FOR NO KEY UPDATE OF c`,
      [caseId, schoolId],
    );
    if (!row) return null;
    const [request] = await manager.query<ClosureRequestRow[]>(
      `SELECT ${REQUEST_COLUMNS} FROM case_closure_requests r WHERE r.id = $1 AND r.case_id = $2 AND r.status = 'pending' FOR UPDATE`,
      [requestId, caseId],
    );
    return request ? { request, row } : null;
  }

  async decide(manager: EntityManager, requestId: string, decision: 'approved' | 'rejected' | 'withdrawn', userId: string, at: Date): Promise<void> {
    await manager.query(`UPDATE case_closure_requests SET status = $2, decided_by = $3, decided_at = $4 WHERE id = $1`, [requestId, decision, userId, at]);
  }

  async listPending(manager: EntityManager, schoolId: string): Promise<(ClosureRequestRow & { studentName: string; riskLevel: CaseRiskLevel })[]> {
    return manager.query(
      `SELECT ${REQUEST_COLUMNS}, s.name AS "studentName", c.risk_level AS "riskLevel"
         FROM case_closure_requests r JOIN cases c ON c.id = r.case_id JOIN students s ON s.id = c.student_id
        WHERE r.school_id = $1 AND r.status = 'pending'
        ORDER BY r.created_at LIMIT 200`,
      [schoolId],
    );
  }
}
