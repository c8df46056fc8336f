import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock, ConflictProblem } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { RiskRegisterService } from '#risk';
import { type CaseAccess, CaseAccessRepository, type CaseRow, grantOf } from '../access/case-access.repository.js';
import { caseNotFound, caseVersionConflict, illegalTransition } from '../case-problems.js';
import { CaseRepository } from '../case.repository.js';
import type { CaseRiskLevel, CaseState } from '../entities/case.entity.js';
import { CaseEventRepository } from '../timeline/case-event.repository.js';
import { allowedTransitions, canTransition, closureNeedsApproval, REOPENED_STATE } from './case-lifecycle.js';

/**
 * State, risk and reopening of a case. Every change is a conditional update on the version the
 * caller read (409 otherwise, nothing changed), with its timeline event and audit entry in the
 * same transaction; risk changes feed the student's risk register there too.
 */
@Injectable()
export class CaseLifecycleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CaseAccessRepository,
    private readonly cases: CaseRepository,
    private readonly events: CaseEventRepository,
    private readonly audit: AuditService,
    private readonly risk: RiskRegisterService,
    private readonly clock: Clock,
  ) {}

  async transition(caller: Caller, caseId: string, to: CaseState, version: number, reason?: string): Promise<void> {
    await this.withCase(caller, caseId, async (manager, row, access) => {
      if (!canTransition(row.state, to)) throw illegalTransition(row.state, to, allowedTransitions(row.state));
      if (to === 'closed' && closureNeedsApproval(row.riskLevel)) {
        throw new ConflictProblem(
          'case.approval_required',
          `Closing a ${row.riskLevel}-risk case needs a second person's approval: request it at /cases/${caseId}/closure-requests`,
          { allowed: allowedTransitions(row.state).filter((s) => s !== 'closed') },
        );
      }
      await this.applyStateChange(manager, caller, row, access, { to, version, reason });
    });
  }

  /** Used by the closure approval, which has checked the second person already. */
  async applyStateChange(
    manager: EntityManager,
    caller: Caller,
    row: CaseRow,
    access: CaseAccess,
    change: { to: CaseState; version: number; reason?: string; reopen?: boolean },
  ): Promise<void> {
    const at = this.clock.now();
    const updated = await this.cases.updateIfCurrent(
      manager,
      row.id,
      change.version,
      {
        state: change.to,
        closedAt: change.to === 'closed' ? at : null,
        ...(change.reopen ? { reopenCount: row.reopenCount + 1 } : {}),
      },
      at,
    );
    if (updated === null) throw caseVersionConflict();
    if (change.to === 'closed') await this.cases.closeLinkedFlags(manager, row.id, at);
    await this.events.append(manager, {
      schoolId: row.schoolId,
      caseId: row.id,
      kind: change.reopen ? 'reopened' : 'state_changed',
      actorId: caller.userId,
      at,
      data: { from: row.state, to: change.to },
      reason: change.reason,
    });
    await this.audit.record(manager, caller, {
      action: change.reopen ? 'case.reopen' : change.to === 'closed' ? 'case.close' : 'case.transition',
      entityType: 'case',
      entityId: row.id,
      studentId: row.studentId,
      changedFields: ['state'],
      breakGlassGrantId: grantOf(access),
    });
    // An open case's risk counts for the student; a closed one no longer does.
    await this.risk.recompute(manager, row.schoolId, [row.studentId]);
  }

  async reopen(caller: Caller, caseId: string, version: number, reason: string): Promise<void> {
    await this.withCase(caller, caseId, async (manager, row, access) => {
      if (row.state !== 'closed') throw illegalTransition(row.state, 'reopened', allowedTransitions(row.state));
      const other = await this.cases.findOpenCaseOfStudent(manager, row.schoolId, row.studentId);
      if (other) throw new ConflictProblem('case.student_has_open_case', 'The student has another open case: add to that one', { caseId: other.id });
      await this.applyStateChange(manager, caller, row, access, { to: REOPENED_STATE, version, reason, reopen: true });
    });
  }

  async changeRisk(caller: Caller, caseId: string, riskLevel: CaseRiskLevel, version: number, reason: string): Promise<void> {
    await this.withCase(caller, caseId, async (manager, row, access) => {
      if (row.state === 'closed') throw illegalTransition(row.state, 'a new risk level', []);
      const at = this.clock.now();
      if ((await this.cases.updateIfCurrent(manager, row.id, version, { riskLevel }, at)) === null) throw caseVersionConflict();
      await this.events.append(manager, {
        schoolId: row.schoolId,
        caseId: row.id,
        kind: 'risk_changed',
        actorId: caller.userId,
        at,
        data: { from: row.riskLevel, to: riskLevel },
        reason,
      });
      await this.audit.record(manager, caller, {
        action: 'case.change_risk',
        entityType: 'case',
        entityId: row.id,
        studentId: row.studentId,
        changedFields: ['riskLevel'],
        breakGlassGrantId: grantOf(access),
      });
      await this.risk.recompute(manager, row.schoolId, [row.studentId]);
    });
  }

  /** Runs `work` on the case locked for update, if the caller reaches it (404 otherwise). */
  async withCase<T>(caller: Caller, caseId: string, work: (manager: EntityManager, row: CaseRow, access: CaseAccess) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.access.findAccessible(manager, caller, caseId, this.clock.now(), { lock: true });
      if (!found) throw caseNotFound();
      return work(manager, found.row, found.access);
    });
  }
}
