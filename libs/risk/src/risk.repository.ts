import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Uuid } from '#core';
import type { RiskChangeSource } from './entities/risk-level-change.entity.js';
import type { RiskInputs, RiskUpdate } from './risk-computation.js';
import { RISK_LEVELS, type RiskLevel } from './risk-level.js';
import { RISK_SIGNALS_SQL } from './risk-signals.sql.js';

export interface RiskRow {
  studentId: Uuid;
  studentName: string;
  className: string;
  level: RiskLevel;
  derivedLevel: RiskLevel;
  derivedFrom: string | null;
  assessedLevel: RiskLevel | null;
  assessmentReason: string | null;
  assessmentExpiresAt: Date | null;
  assessedBy: Uuid | null;
  updatedAt: Date;
  version: number;
}

/** One change of a student's effective level, as stored: `reason` still encrypted. */
export interface RiskLevelChangeRow {
  id: Uuid;
  previousLevel: RiskLevel | null;
  level: RiskLevel;
  source: RiskChangeSource;
  /** For signals, the strongest one (`alert:critical`); null for assessments. */
  sourceDetail: string | null;
  reason: string | null;
  changedBy: Uuid | null;
  changedAt: Date;
}

const RISK_COLUMNS = `r.student_id AS "studentId", s.name AS "studentName", c.name AS "className", r.level,
  r.derived_level AS "derivedLevel", r.derived_from AS "derivedFrom", r.assessed_level AS "assessedLevel",
  r.assessment_reason AS "assessmentReason", r.assessment_expires_at AS "assessmentExpiresAt", r.assessed_by AS "assessedBy",
  r.updated_at AS "updatedAt", r.version`;

@Injectable()
export class RiskRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Serialises recomputation per student for the rest of the transaction, in id order (no
   * deadlock), so two signals committing at once cannot leave a stale level behind.
   */
  async lockStudents(manager: EntityManager, studentIds: string[]): Promise<void> {
    await manager.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('risk:' || id, 0)) FROM unnest($1::uuid[]) AS id ORDER BY id`,
      [studentIds],
    );
  }

  /** Current rows and strongest signals of the students, in one statement. */
  async readInputs(manager: EntityManager, schoolId: string, studentIds: string[], now: Date): Promise<RiskInputs[]> {
    const rows = await manager.query<
      { student_id: string; level: RiskLevel | null; derived_level: RiskLevel; assessed_level: RiskLevel | null; assessment_expires_at: Date | null; rank: number | null; detail: string | null }[]
    >(
      `WITH signals AS (${RISK_SIGNALS_SQL}),
            strongest AS (
              SELECT DISTINCT ON (student_id) student_id, rank, detail FROM signals ORDER BY student_id, rank DESC, detail)
       SELECT t.id AS student_id, r.level, r.derived_level, r.assessed_level, r.assessment_expires_at, st.rank, st.detail
         FROM unnest($2::uuid[]) AS t(id)
         JOIN students s ON s.id = t.id AND s.school_id = $1
         LEFT JOIN student_risk r ON r.student_id = t.id
         LEFT JOIN strongest st ON st.student_id = t.id`,
      [schoolId, studentIds, now],
    );
    return rows.map((r) => ({
      studentId: r.student_id,
      current: r.level
        ? { level: r.level, derivedLevel: r.derived_level, assessedLevel: r.assessed_level, assessmentExpiresAt: r.assessment_expires_at }
        : null,
      strongestSignal: r.rank === null ? null : { rank: r.rank, detail: r.detail ?? '' },
    }));
  }

  /** Writes the changed rows and their history, in two statements however many there are. */
  async applyUpdates(manager: EntityManager, schoolId: string, updates: RiskUpdate[], now: Date): Promise<void> {
    if (updates.length === 0) return;
    await manager.query(
      `INSERT INTO student_risk (student_id, school_id, level, level_rank, derived_level, derived_from, updated_at)
       SELECT u.student_id, $1, u.level, array_position(ARRAY['none', 'low', 'moderate', 'high', 'critical'], u.level) - 1,
              u.derived_level, u.derived_from, $3
         FROM jsonb_to_recordset($2::jsonb) AS u(student_id uuid, level text, derived_level text, derived_from text)
       ON CONFLICT (student_id) DO UPDATE SET
         level = EXCLUDED.level, level_rank = EXCLUDED.level_rank, derived_level = EXCLUDED.derived_level,
         derived_from = EXCLUDED.derived_from, updated_at = EXCLUDED.updated_at, version = student_risk.version + 1`,
      [schoolId, JSON.stringify(updates.map(toRecord)), now],
    );
    const lapsed = updates.filter((u) => u.clearAssessment).map((u) => u.studentId);
    if (lapsed.length > 0) {
      await manager.query(
        `UPDATE student_risk SET assessed_level = NULL, assessment_reason = NULL, assessment_expires_at = NULL, assessed_by = NULL
          WHERE student_id = ANY($1::uuid[])`,
        [lapsed],
      );
    }
    const changes = updates.filter((u) => u.change);
    if (changes.length > 0) {
      await manager.query(
        `INSERT INTO risk_level_changes (school_id, student_id, previous_level, level, source, source_detail, changed_at)
         SELECT $1, c.student_id, c.previous_level, c.level, c.source, c.source_detail, $3
           FROM jsonb_to_recordset($2::jsonb) AS c(student_id uuid, previous_level text, level text, source text, source_detail text)`,
        [
          schoolId,
          JSON.stringify(
            changes.map((u) => ({
              student_id: u.studentId,
              previous_level: u.change?.previousLevel ?? null,
              level: u.level,
              source: u.change?.source,
              source_detail: u.change?.sourceDetail ?? null,
            })),
          ),
          now,
        ],
      );
    }
  }

  async findForStudent(schoolId: string, studentId: string): Promise<RiskRow | null> {
    const rows = await this.dataSource.query<RiskRow[]>(
      `SELECT ${RISK_COLUMNS} FROM student_risk r JOIN students s ON s.id = r.student_id JOIN classes c ON c.id = s.class_id
        WHERE r.student_id = $1 AND r.school_id = $2`,
      [studentId, schoolId],
    );
    return rows[0] ?? null;
  }

  async historyOf(schoolId: string, studentId: string): Promise<RiskLevelChangeRow[]> {
    return this.dataSource.query(
      `SELECT id, previous_level AS "previousLevel", level, source, source_detail AS "sourceDetail", reason, changed_by AS "changedBy",
              changed_at AS "changedAt"
         FROM risk_level_changes WHERE student_id = $1 AND school_id = $2 ORDER BY changed_at DESC, id DESC LIMIT 200`,
      [studentId, schoolId],
    );
  }

  /** Highest level first, then by student; `levels` filters (any of). */
  async listForSchool(schoolId: string, levels: RiskLevel[], after: { rank: number; studentId: string } | null, limit: number): Promise<(RiskRow & { levelRank: number })[]> {
    const ranks = levels.map((l) => RISK_LEVELS.indexOf(l));
    return this.dataSource.query(
      `SELECT ${RISK_COLUMNS}, r.level_rank AS "levelRank"
         FROM student_risk r JOIN students s ON s.id = r.student_id JOIN classes c ON c.id = s.class_id
        WHERE r.school_id = $1 AND r.level_rank = ANY($2::smallint[])
          AND ($3::smallint IS NULL OR (r.level_rank, r.student_id) < ($3::smallint, $4::uuid))
        ORDER BY r.level_rank DESC, r.student_id DESC
        LIMIT $5`,
      [schoolId, ranks, after?.rank ?? null, after?.studentId ?? null, limit + 1],
    );
  }

  /** `reason` and `historyReason` arrive encrypted, bound to the risk row and to the change row (`changeId`). */
  async recordAssessment(
    manager: EntityManager,
    assessment: {
      schoolId: string;
      studentId: string;
      level: RiskLevel;
      reason: string;
      historyReason: string;
      changeId: string;
      expiresAt: Date;
      userId: string;
      now: Date;
      previousLevel: RiskLevel | null;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO student_risk (student_id, school_id, level, level_rank, derived_level, assessed_level, assessment_reason,
                                 assessment_expires_at, assessed_by, updated_at)
       VALUES ($1, $2, $3, array_position(ARRAY['none', 'low', 'moderate', 'high', 'critical'], $3) - 1, 'none', $3, $4, $5, $6, $7)
       ON CONFLICT (student_id) DO UPDATE SET
         level = EXCLUDED.level, level_rank = EXCLUDED.level_rank, assessed_level = EXCLUDED.assessed_level,
         assessment_reason = EXCLUDED.assessment_reason, assessment_expires_at = EXCLUDED.assessment_expires_at,
         assessed_by = EXCLUDED.assessed_by, updated_at = EXCLUDED.updated_at, version = student_risk.version + 1`,
      [assessment.studentId, assessment.schoolId, assessment.level, assessment.reason, assessment.expiresAt, assessment.userId, assessment.now],
    );
    await manager.query(
      `INSERT INTO risk_level_changes (id, school_id, student_id, previous_level, level, source, reason, changed_by, changed_at)
       VALUES ($1, $2, $3, $4, $5, 'assessment', $6, $7, $8)`,
      [
        assessment.changeId,
        assessment.schoolId,
        assessment.studentId,
        assessment.previousLevel,
        assessment.level,
        assessment.historyReason,
        assessment.userId,
        assessment.now,
      ],
    );
  }
}

function toRecord(u: RiskUpdate) {
  return { student_id: u.studentId, level: u.level, derived_level: u.derivedLevel, derived_from: u.derivedFrom };
}
