import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Uuid } from '#core';
import type { CaseRiskLevel, CaseSignalSource, CaseSource, CaseState } from './entities/case.entity.js';

/** A current member of a case's team. */
export interface CaseTeamMemberView {
  userId: Uuid;
  displayName: string;
  addedAt: Date;
}

/** Something that led to a case or was added to it later (an alert, a flag, a response, a missed appointment). */
export interface CaseSignalView {
  sourceType: CaseSignalSource;
  sourceId: Uuid;
  attachedAt: Date;
}

/** Writes to `cases` and its team; every update is conditional on the version the caller saw. */
@Injectable()
export class CaseRepository {
  /** Opens a case unless the student has one not closed; null then (the partial unique index decides). */
  async insertUnlessOpen(
    manager: EntityManager,
    values: { schoolId: string; studentId: string; riskLevel: CaseRiskLevel; ownerId: string; sourceType: CaseSource; sourceId: string | null; openedBy: string; at: Date },
  ): Promise<string | null> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO cases (school_id, student_id, risk_level, owner_id, source_type, source_id, opened_at, opened_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (student_id) WHERE state <> 'closed' DO NOTHING
       RETURNING id`,
      [values.schoolId, values.studentId, values.riskLevel, values.ownerId, values.sourceType, values.sourceId, values.at, values.openedBy],
    );
    return rows[0]?.id ?? null;
  }

  async findOpenCaseOfStudent(manager: EntityManager, schoolId: string, studentId: string): Promise<{ id: string } | null> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT id FROM cases WHERE student_id = $1 AND school_id = $2 AND state <> 'closed'`,
      [studentId, schoolId],
    );
    return rows[0] ?? null;
  }

  /** Links a signal to a case; false when the signal is already linked (to this or another case). */
  async attachSignal(
    manager: EntityManager,
    signal: { schoolId: string; caseId: string; sourceType: Exclude<CaseSource, 'manual'>; sourceId: string; attachedBy: string | null; at: Date },
  ): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO case_signals (school_id, case_id, source_type, source_id, attached_at, attached_by)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (source_type, source_id) DO NOTHING RETURNING id`,
      [signal.schoolId, signal.caseId, signal.sourceType, signal.sourceId, signal.at, signal.attachedBy],
    );
    return rows.length > 0;
  }

  async signalsOf(manager: EntityManager, caseId: string): Promise<CaseSignalView[]> {
    return manager.query(
      `SELECT source_type AS "sourceType", source_id AS "sourceId", attached_at AS "attachedAt" FROM case_signals WHERE case_id = $1 ORDER BY attached_at`,
      [caseId],
    );
  }

  async addTeamMember(manager: EntityManager, member: { schoolId: string; caseId: string; userId: string; at: Date }): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO case_team_members (school_id, case_id, user_id, added_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (case_id, user_id) WHERE removed_at IS NULL DO NOTHING RETURNING id`,
      [member.schoolId, member.caseId, member.userId, member.at],
    );
    return rows.length > 0;
  }

  async removeTeamMember(manager: EntityManager, caseId: string, userId: string, at: Date): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `WITH removed AS (
         UPDATE case_team_members SET removed_at = $3 WHERE case_id = $1 AND user_id = $2 AND removed_at IS NULL RETURNING id)
       SELECT id FROM removed`,
      [caseId, userId, at],
    );
    return rows.length > 0;
  }

  async teamOf(manager: EntityManager, caseId: string): Promise<CaseTeamMemberView[]> {
    return manager.query(
      `SELECT m.user_id AS "userId", u.display_name AS "displayName", m.added_at AS "addedAt"
         FROM case_team_members m JOIN users u ON u.id = m.user_id
        WHERE m.case_id = $1 AND m.removed_at IS NULL ORDER BY m.added_at`,
      [caseId],
    );
  }

  /**
   * Applies column changes if the case is still at `version`; the new version, or null when it
   * moved meanwhile (the caller answers 409 and nothing changed).
   */
  async updateIfCurrent(
    manager: EntityManager,
    caseId: string,
    version: number,
    changes: Partial<{ state: CaseState; riskLevel: CaseRiskLevel; ownerId: string; closedAt: Date | null; reopenCount: number }>,
    at: Date,
  ): Promise<number | null> {
    const columns: Record<string, string> = { state: 'state', riskLevel: 'risk_level', ownerId: 'owner_id', closedAt: 'closed_at', reopenCount: 'reopen_count' };
    const entries = Object.entries(changes).filter(([, v]) => v !== undefined);
    const sets = entries.map(([field], i) => `${columns[field]} = $${i + 4}`);
    const rows = await manager.query<{ version: number }[]>(
      `WITH updated AS (
         UPDATE cases SET ${[...sets, 'updated_at = $3', 'version = version + 1'].join(', ')}
          WHERE id = $1 AND version = $2
          RETURNING version)
       SELECT version FROM updated`,
      [caseId, version, at, ...entries.map(([, v]) => v)],
    );
    return rows[0]?.version ?? null;
  }

  /**
   * The flags that led to a case are done when it closes: their teachers then see "closed".
   * A write across the boundary on purpose, in the case's transaction.
   */
  async closeLinkedFlags(manager: EntityManager, caseId: string, at: Date): Promise<void> {
    await manager.query(
      `UPDATE concern_flags SET status = 'closed', updated_at = $2, version = version + 1
        WHERE status = 'case_opened'
          AND id IN (SELECT source_id FROM case_signals WHERE case_id = $1 AND source_type = 'concern_flag')`,
      [caseId, at],
    );
  }

  async studentInSchool(manager: EntityManager, schoolId: string, studentId: string): Promise<boolean> {
    const rows = await manager.query('SELECT 1 FROM students WHERE id = $1 AND school_id = $2', [studentId, schoolId]);
    return rows.length > 0;
  }

  /** An active counselor (or head of counseling) of the school, who can own or join a case. */
  async isCounselorOfSchool(manager: EntityManager, schoolId: string, userId: string): Promise<boolean> {
    const rows = await manager.query(
      `SELECT 1 FROM users WHERE id = $1 AND school_id = $2 AND active AND role IN ('counselor', 'counseling_lead')`,
      [userId, schoolId],
    );
    return rows.length > 0;
  }

  /** The student a signal concerns, if the signal is of this school; for linking signals to cases. */
  async studentOfSignal(manager: EntityManager, schoolId: string, sourceType: Exclude<CaseSource, 'manual'>, sourceId: string): Promise<string | null> {
    const table: Partial<Record<typeof sourceType, string>> = {
      alert: 'alerts',
      concern_flag: 'concern_flags',
      screening_response: 'screening_responses',
      appointment: 'appointments',
    };
    if (!table[sourceType]) return null;
    const rows = await manager.query<{ student_id: string }[]>(
      `SELECT student_id FROM ${table[sourceType]} WHERE id = $1 AND school_id = $2`,
      [sourceId, schoolId],
    );
    return rows[0]?.student_id ?? null;
  }
}
