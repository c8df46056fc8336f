import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock, decodeCursorAs, encodeCursor, NotFoundProblem, type Page, type Uuid, validationProblem } from '#core';
import type { Caller } from '#access';
import { AuditService, listReadEntry } from '#audit';
import { FieldCipher } from '#crypto';
import { BreakGlassService } from '#identity';
import type { AssessRiskDto, RiskRegisterQuery } from './dtos/risk.dtos.js';
import { computeRiskUpdates } from './risk-computation.js';
import type { RiskLevel } from './risk-level.js';
import { type RiskLevelChangeRow, RiskRepository, type RiskRow } from './risk.repository.js';

const RISK_REASON = (studentId: string) => ({ table: 'student_risk', column: 'assessment_reason', rowId: studentId });
const CHANGE_REASON = (changeId: string) => ({ table: 'risk_level_changes', column: 'reason', rowId: changeId });

/** Roles whose school-wide work needs students' levels; others reach one only through break-glass. */
const REGISTER_ROLES = new Set(['counselor', 'counseling_lead']);

/** A counselor's assessment, overriding the signals until it expires. */
export interface RiskAssessmentView {
  level: RiskLevel;
  reason: string | null;
  expiresAt: Date;
  assessedBy: Uuid | null;
}

/** A student's level: the assessment's while one is unexpired, else the level derived from signals. */
export interface RiskView {
  studentId: Uuid;
  studentName: string;
  className: string;
  level: RiskLevel;
  derivedLevel: RiskLevel;
  /** The strongest signal behind the derived level, e.g. `alert:critical`, `flag:urgent`; null when none. */
  derivedFrom: string | null;
  assessment: RiskAssessmentView | null;
  updatedAt: Date;
}

/** One change of a student's level. */
export interface RiskLevelChangeView extends RiskLevelChangeRow {
  /** The counselor's reason for an assessment, decrypted; null for other changes. */
  reason: string | null;
}

/** A student's level with its history, newest change first (the latest 200). */
export interface StudentRiskDetail extends RiskView {
  history: RiskLevelChangeView[];
}

/** One line of the risk register: the level without the assessment's reason. */
export interface RiskRegisterEntry extends Omit<RiskView, 'assessment'> {
  /** Whether a counselor's assessment sets the level. */
  assessed: boolean;
}

/**
 * The risk register: each student's current level from their signals, or a counselor's
 * assessment until it expires, with every change kept. Signals recompute it inside their own
 * transactions; a daily job lets old signals and lapsed assessments fall away.
 */
@Injectable()
export class RiskRegisterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly risks: RiskRepository,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly breakGlass: BreakGlassService,
    private readonly clock: Clock,
  ) {}

  /** Recomputes the students' levels inside the caller's transaction. */
  async recompute(manager: EntityManager, schoolId: string, studentIds: string[]): Promise<void> {
    const ids = [...new Set(studentIds)];
    if (ids.length === 0) return;
    const now = this.clock.now();
    await this.risks.lockStudents(manager, ids);
    const updates = computeRiskUpdates(await this.risks.readInputs(manager, schoolId, ids, now), now);
    await this.risks.applyUpdates(manager, schoolId, updates, now);
  }

  async list(caller: Caller, query: RiskRegisterQuery): Promise<Page<RiskRegisterEntry>> {
    const levels = query.level ?? ['low', 'moderate', 'high', 'critical'];
    const after = query.cursor ? decodeCursorAs(query.cursor, ['int', 'uuid']) : null;
    const rows = await this.risks.listForSchool(
      caller.schoolId,
      levels,
      after ? { rank: Number(after[0]), studentId: String(after[1]) } : null,
      query.limit,
    );
    const kept = rows.slice(0, query.limit);
    await this.audit.recordAlone(
      caller,
      listReadEntry({ action: 'risk_register.list', entityType: 'student_risk', filter: { level: query.level, cursor: query.cursor && 'next page' }, count: kept.length }),
    );
    const last = kept[kept.length - 1];
    return {
      items: kept.map((r) => ({
        studentId: r.studentId,
        studentName: r.studentName,
        className: r.className,
        level: r.level,
        derivedLevel: r.derivedLevel,
        derivedFrom: r.derivedFrom,
        assessed: r.assessedLevel !== null,
        updatedAt: r.updatedAt,
      })),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.levelRank, last.studentId]) : null,
    };
  }

  /**
   * A student's level and its history: a clinical record, so every read is audited, and
   * anyone but the school's counselors needs an active break-glass grant.
   */
  async get(caller: Caller, studentId: string): Promise<StudentRiskDetail> {
    const grantId = REGISTER_ROLES.has(caller.role) ? null : await this.breakGlass.activeGrantId(caller, studentId);
    const allowed = REGISTER_ROLES.has(caller.role) || grantId !== null;
    const row = allowed ? await this.studentRisk(caller.schoolId, studentId) : null;
    await this.audit.recordAlone(caller, {
      action: 'student_risk.read',
      outcome: row ? 'success' : 'not_found',
      entityType: 'student',
      entityId: studentId,
      studentId,
      breakGlassGrantId: grantId ?? undefined,
    });
    if (!row) throw new NotFoundProblem('student.not_found', 'No such student');
    const history = await this.risks.historyOf(caller.schoolId, studentId);
    return {
      ...this.viewOf(row),
      history: history.map((h) => ({ ...h, reason: h.reason ? this.cipher.decrypt(h.reason, CHANGE_REASON(h.id)) : null })),
    };
  }

  async assess(caller: Caller, studentId: string, dto: AssessRiskDto): Promise<StudentRiskDetail> {
    const now = this.clock.now();
    const expiresAt = new Date(dto.expiresAt);
    if (expiresAt.getTime() <= now.getTime()) throw validationProblem([{ field: 'expiresAt', message: 'must be in the future' }]);
    if (expiresAt.getTime() > now.getTime() + 366 * 24 * 3600 * 1000) {
      throw validationProblem([{ field: 'expiresAt', message: 'must be within a year: assessments are reviewed' }]);
    }
    await this.dataSource.transaction(async (manager) => {
      const [student] = await manager.query<{ id: string }[]>('SELECT id FROM students WHERE id = $1 AND school_id = $2', [studentId, caller.schoolId]);
      if (!student) throw new NotFoundProblem('student.not_found', 'No such student');
      await this.risks.lockStudents(manager, [studentId]);
      const current = await this.risks.findForStudent(caller.schoolId, studentId);
      const changeId = randomUUID();
      await this.risks.recordAssessment(manager, {
        schoolId: caller.schoolId,
        studentId,
        level: dto.level,
        reason: this.cipher.encrypt(dto.reason, RISK_REASON(studentId)),
        historyReason: this.cipher.encrypt(dto.reason, CHANGE_REASON(changeId)),
        changeId,
        expiresAt,
        userId: caller.userId,
        now,
        previousLevel: current?.level ?? null,
      });
      // Brings the derived level (shown beside the assessment) up to date as well.
      await this.recompute(manager, caller.schoolId, [studentId]);
      await this.audit.record(manager, caller, {
        action: 'student_risk.assess',
        entityType: 'student',
        entityId: studentId,
        studentId,
        changedFields: ['assessedLevel', 'assessmentReason', 'assessmentExpiresAt'],
      });
    });
    return this.get(caller, studentId);
  }

  private async studentRisk(schoolId: string, studentId: string): Promise<RiskRow | null> {
    const row = await this.risks.findForStudent(schoolId, studentId);
    if (row) return row;
    // A student of the school without any signal has level none.
    const [student] = await this.dataSource.query<{ name: string; class_name: string }[]>(
      'SELECT s.name, c.name AS class_name FROM students s JOIN classes c ON c.id = s.class_id WHERE s.id = $1 AND s.school_id = $2',
      [studentId, schoolId],
    );
    if (!student) return null;
    return {
      studentId,
      studentName: student.name,
      className: student.class_name,
      level: 'none',
      derivedLevel: 'none',
      derivedFrom: null,
      assessedLevel: null,
      assessmentReason: null,
      assessmentExpiresAt: null,
      assessedBy: null,
      updatedAt: this.clock.now(),
      version: 0,
    };
  }

  private viewOf(row: RiskRow): RiskView {
    return {
      studentId: row.studentId,
      studentName: row.studentName,
      className: row.className,
      level: row.level,
      derivedLevel: row.derivedLevel,
      derivedFrom: row.derivedFrom,
      assessment:
        row.assessedLevel && row.assessmentExpiresAt
          ? {
              level: row.assessedLevel,
              reason: row.assessmentReason ? this.cipher.decrypt(row.assessmentReason, RISK_REASON(row.studentId)) : null,
              expiresAt: row.assessmentExpiresAt,
              assessedBy: row.assessedBy,
            }
          : null,
      updatedAt: row.updatedAt,
    };
  }
}
