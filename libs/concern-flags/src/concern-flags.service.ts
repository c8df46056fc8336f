import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BadRequestProblem, Clock, ConflictProblem, NotFoundProblem, type Page, toPage, type Uuid, validationProblem } from '#core';
import type { Caller } from '#access';
import { AlertsService } from '#alerts';
import { AuditService } from '#audit';
import { CaseOpeningService } from '#cases';
import { FieldCipher } from '#crypto';
import { RiskRegisterService } from '#risk';
import { ConcernFlagRepository, type FlagRow } from './concern-flag.repository.js';
import type { FlagListQuery } from './dtos/flag-list.query.js';
import type { RaiseFlagDto } from './dtos/raise-flag.dto.js';
import type { TriageFlagDto } from './dtos/triage-flag.dto.js';
import type { FlagCategory, FlagSeverity, FlagStatus } from './entities/concern-flag.entity.js';
import { alertSeverityOf, allowedDecisions, nextFlagStatus, teacherStatusOf, type TeacherFlagStatus, type TriageDecision } from './flag-status.js';

const binding = (flagId: string, column: 'observation' | 'triage_reason') => ({ table: 'concern_flags', column, rowId: flagId });

/** What the teacher who raised a flag sees. */
export interface TeacherFlagView {
  id: Uuid;
  studentId: Uuid;
  studentName: string;
  category: FlagCategory;
  severity: FlagSeverity;
  observedAt: Date;
  /** The teacher's own words. */
  observation: string;
  /** Where it stands, without the counselor's decisions. */
  status: TeacherFlagStatus;
  createdAt: Date;
}

/** What counselors see in a list: no text. */
export interface CounselorFlagView extends Omit<TeacherFlagView, 'status' | 'observation'> {
  className: string;
  raisedBy: Uuid;
  status: FlagStatus;
  /** The status as the raising teacher sees it. */
  teacherStatus: TeacherFlagStatus;
  triagedBy: Uuid | null;
  triagedAt: Date | null;
  /** The alert a high or urgent flag raised. */
  alertId: Uuid | null;
  /** The decisions a triage may take from the current status. */
  allowedDecisions: TriageDecision[];
  version: number;
}

/** What counselors see of one flag: the observation and the triage reason, decrypted. */
export interface CounselorFlagDetail extends CounselorFlagView {
  observation: string;
  triageReason: string | null;
}

/** One flag as its reader may see it: the raising teacher's view, or a counselor's. */
export type ConcernFlagView = TeacherFlagView | CounselorFlagDetail;

/** One flag of a list as its reader may see it. */
export type ConcernFlagListItem = TeacherFlagView | CounselorFlagView;

/**
 * Concern flags: a class teacher raises one about a student of their class; a counselor
 * triages it. High and urgent flags raise an alert in the same transaction.
 */
@Injectable()
export class ConcernFlagsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly flags: ConcernFlagRepository,
    private readonly alerts: AlertsService,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly risk: RiskRegisterService,
    private readonly caseOpening: CaseOpeningService,
    private readonly clock: Clock,
  ) {}

  async raise(caller: Caller, dto: RaiseFlagDto): Promise<ConcernFlagView> {
    const observedAt = new Date(dto.observedAt);
    const now = this.clock.now();
    if (observedAt.getTime() > now.getTime() + 5 * 60_000) {
      throw validationProblem([{ field: 'observedAt', message: 'must not be in the future' }]);
    }
    const id = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.flags.findFlaggableStudent(manager, caller, dto.studentId))) throw studentNotFound();
      await this.flags.insert(manager, {
        id,
        schoolId: caller.schoolId,
        studentId: dto.studentId,
        raisedBy: caller.userId,
        category: dto.category,
        severity: dto.severity,
        observedAt,
        observation: this.cipher.encrypt(dto.observation, binding(id, 'observation')),
      });
      await this.audit.record(manager, caller, { action: 'concern_flag.raise', entityType: 'concern_flag', entityId: id, studentId: dto.studentId });
      const severity = alertSeverityOf(dto.severity);
      if (severity) {
        const alertId = await this.alerts.raise(manager, caller, {
          schoolId: caller.schoolId,
          studentId: dto.studentId,
          severity,
          sourceType: 'concern_flag',
          sourceId: id,
          reasonCode: `${dto.severity}_flag:${dto.category}`,
        });
        if (alertId) await this.flags.linkAlert(manager, id, alertId);
      }
      await this.risk.recompute(manager, caller.schoolId, [dto.studentId]);
    });
    return this.get(caller, id);
  }

  /** A counselor's read shows the text and is audited; the raising teacher sees their own words and the status. */
  async get(caller: Caller, flagId: string): Promise<ConcernFlagView> {
    const row = await this.flags.findVisible(caller, flagId);
    if (caller.role !== 'class_teacher') {
      await this.audit.recordAlone(caller, {
        action: 'concern_flag.read',
        outcome: row ? 'success' : 'not_found',
        entityType: 'concern_flag',
        entityId: flagId,
        studentId: row?.studentId,
      });
    }
    if (!row) throw flagNotFound();
    if (caller.role === 'class_teacher') return this.teacherView(row);
    return {
      ...this.counselorView(row),
      observation: this.cipher.decrypt(row.observation, binding(row.id, 'observation')),
      triageReason: row.triageReason ? this.cipher.decrypt(row.triageReason, binding(row.id, 'triage_reason')) : null,
    };
  }

  async list(caller: Caller, query: FlagListQuery): Promise<Page<ConcernFlagListItem>> {
    const rows = await this.flags.listVisible(caller, query, query);
    const view = (row: FlagRow): ConcernFlagListItem => (caller.role === 'class_teacher' ? this.teacherView(row) : this.counselorView(row));
    return toPage(rows, query, (r) => [r.createdAt.toISOString(), r.id], view);
  }

  async triage(caller: Caller, flagId: string, dto: TriageFlagDto): Promise<ConcernFlagView> {
    if (dto.decision === 'dismiss' && !dto.reason) {
      throw new BadRequestProblem('validation.invalid', '1 field is invalid', [{ field: 'reason', message: 'is required to dismiss a flag' }]);
    }
    await this.dataSource.transaction(async (manager) => {
      const row = await this.flags.findVisible(caller, flagId);
      if (!row) throw flagNotFound();
      const to = nextFlagStatus(row.status, dto.decision);
      if (!to) {
        throw new ConflictProblem('concern_flag.illegal_transition', `A ${row.status} flag cannot be given "${dto.decision}"`, {
          allowed: allowedDecisions(row.status),
        });
      }
      const applied = await this.flags.triage(manager, {
        schoolId: caller.schoolId,
        flagId,
        from: row.status,
        to,
        version: dto.version,
        userId: caller.userId,
        at: this.clock.now(),
        reason: dto.reason ? this.cipher.encrypt(dto.reason, binding(flagId, 'triage_reason')) : null,
      });
      if (!applied) throw new ConflictProblem('concern_flag.version_conflict', 'The flag changed since you read it; reload and decide again');
      await this.audit.record(manager, caller, {
        action: `concern_flag.${dto.decision}`,
        entityType: 'concern_flag',
        entityId: flagId,
        studentId: row.studentId,
        changedFields: dto.reason ? ['status', 'triageReason'] : ['status'],
      });
      if (dto.decision === 'open_case' && dto.riskLevel) {
        // Opens the student's case, or adds this flag to the one already open.
        await this.caseOpening.openOrAttach(manager, caller, {
          schoolId: caller.schoolId,
          studentId: row.studentId,
          riskLevel: dto.riskLevel,
          ownerId: caller.userId,
          source: { type: 'concern_flag', id: flagId },
        });
      }
      // A dismissed or closed flag stops counting towards the student's level.
      await this.risk.recompute(manager, caller.schoolId, [row.studentId]);
    });
    return this.get(caller, flagId);
  }

  private teacherView(row: FlagRow): TeacherFlagView {
    return {
      id: row.id,
      studentId: row.studentId,
      studentName: row.studentName,
      category: row.category,
      severity: row.severity,
      observedAt: row.observedAt,
      observation: this.cipher.decrypt(row.observation, binding(row.id, 'observation')),
      status: teacherStatusOf(row.status),
      createdAt: row.createdAt,
    };
  }

  private counselorView(row: FlagRow): CounselorFlagView {
    return {
      id: row.id,
      studentId: row.studentId,
      studentName: row.studentName,
      className: row.className,
      raisedBy: row.raisedBy,
      category: row.category,
      severity: row.severity,
      observedAt: row.observedAt,
      status: row.status,
      teacherStatus: teacherStatusOf(row.status),
      triagedBy: row.triagedBy,
      triagedAt: row.triagedAt,
      alertId: row.alertId,
      allowedDecisions: allowedDecisions(row.status),
      createdAt: row.createdAt,
      version: row.version,
    };
  }
}

const flagNotFound = () => new NotFoundProblem('concern_flag.not_found', 'No such concern flag');
const studentNotFound = () => new NotFoundProblem('student.not_found', 'No such student');
