import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, ConflictProblem, NotFoundProblem, type Uuid, validationProblem } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { FieldCipher } from '#crypto';
import { NotificationRepository } from '#notifications';
import { grantOf } from '../access/case-access.repository.js';
import { caseVersionConflict, illegalTransition } from '../case-problems.js';
import type { ClosureRequestStatus } from '../entities/case-closure-request.entity.js';
import type { CaseRiskLevel } from '../entities/case.entity.js';
import { allowedTransitions, canTransition, closureNeedsApproval } from '../lifecycle/case-lifecycle.js';
import { CaseLifecycleService } from '../lifecycle/case-lifecycle.service.js';
import { CaseEventRepository } from '../timeline/case-event.repository.js';
import { ClosureRequestRepository } from './closure-request.repository.js';

const REASON = (id: string) => ({ table: 'case_closure_requests', column: 'reason', rowId: id });
const WAIVER = (id: string) => ({ table: 'case_closure_requests', column: 'guardian_contact_waiver', rowId: id });

/** A request to close a case, its reason and waiver decrypted. */
export interface CaseClosureRequestView {
  id: Uuid;
  caseId: Uuid;
  requestedBy: Uuid;
  reason: string;
  /** Why no guardian contact is recorded; null when one is. */
  guardianContactWaiver: string | null;
  status: ClosureRequestStatus;
  createdAt: Date;
}

/** A request waiting for a decision, with what the decider needs to see of its case. */
export interface PendingCaseClosureRequest extends CaseClosureRequestView {
  studentName: string;
  riskLevel: CaseRiskLevel;
}

/**
 * Closing a high- or critical-risk case takes two people: the team asks (with a recorded
 * guardian contact, or a reason why there is none), the head of counseling or an administrator
 * decides. Approval closes the case in the same transaction.
 */
@Injectable()
export class CaseClosureService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lifecycle: CaseLifecycleService,
    private readonly requests: ClosureRequestRepository,
    private readonly events: CaseEventRepository,
    private readonly notifications: NotificationRepository,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  async request(caller: Caller, caseId: string, input: { reason: string; guardianContactWaiver?: string; version: number }): Promise<CaseClosureRequestView> {
    return this.lifecycle.withCase(caller, caseId, async (manager, row, access) => {
      if (row.version !== input.version) throw caseVersionConflict();
      if (!canTransition(row.state, 'closed')) throw illegalTransition(row.state, 'closed', allowedTransitions(row.state));
      if (!closureNeedsApproval(row.riskLevel)) {
        throw new ConflictProblem('case.approval_not_needed', `A ${row.riskLevel}-risk case is closed directly through its transitions`);
      }
      if (!input.guardianContactWaiver && !(await this.requests.hasReachedGuardian(manager, row.id))) {
        throw validationProblem([
          { field: 'guardianContactWaiver', message: 'is required when no guardian was reached for this case: record the contact, or say why not' },
        ]);
      }
      const id = randomUUID();
      const inserted = await this.requests.insertPending(manager, {
        id,
        schoolId: row.schoolId,
        caseId: row.id,
        requestedBy: caller.userId,
        reason: this.cipher.encrypt(input.reason, REASON(id)),
        guardianContactWaiver: input.guardianContactWaiver ? this.cipher.encrypt(input.guardianContactWaiver, WAIVER(id)) : null,
      });
      if (!inserted) throw new ConflictProblem('case.closure_already_requested', 'A closure request for this case is already waiting');
      const at = this.clock.now();
      await this.events.append(manager, { schoolId: row.schoolId, caseId: row.id, kind: 'closure_requested', actorId: caller.userId, at, data: { requestId: id } });
      await this.notifications.notifyRoles(manager, row.schoolId, ['counseling_lead', 'admin'], {
        kind: 'case.closure_requested',
        title: 'A high-risk case asks for your approval to close',
        entityType: 'case',
        entityId: row.id,
      });
      await this.audit.record(manager, caller, {
        action: 'case.request_closure',
        entityType: 'case',
        entityId: row.id,
        studentId: row.studentId,
        breakGlassGrantId: grantOf(access),
      });
      return { id, caseId: row.id, requestedBy: caller.userId, reason: input.reason, guardianContactWaiver: input.guardianContactWaiver ?? null, status: 'pending', createdAt: at };
    });
  }

  async decide(caller: Caller, caseId: string, requestId: string, decision: 'approve' | 'reject', note?: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const found = await this.requests.findPendingForDecision(manager, caller.schoolId, caseId, requestId);
      if (!found) throw new NotFoundProblem('case_closure_request.not_found', 'No such pending closure request');
      const { request, row } = found;
      if (request.requestedBy === caller.userId) {
        throw new ConflictProblem('case.second_person_required', 'The closure must be decided by someone other than who asked');
      }
      const at = this.clock.now();
      await this.requests.decide(manager, request.id, decision === 'approve' ? 'approved' : 'rejected', caller.userId, at);
      await this.events.append(manager, {
        schoolId: row.schoolId,
        caseId: row.id,
        kind: decision === 'approve' ? 'closure_approved' : 'closure_rejected',
        actorId: caller.userId,
        at,
        data: { requestId },
        reason: note,
      });
      await this.audit.record(manager, caller, {
        action: decision === 'approve' ? 'case.approve_closure' : 'case.reject_closure',
        entityType: 'case',
        entityId: row.id,
        studentId: row.studentId,
      });
      if (decision === 'approve') {
        if (!canTransition(row.state, 'closed')) throw illegalTransition(row.state, 'closed', allowedTransitions(row.state));
        await this.lifecycle.applyStateChange(manager, caller, row, { via: 'team' }, { to: 'closed', version: row.version, reason: note });
      }
    });
  }

  /** Pending requests of the school, with their reasons, for the people who decide them; audited. */
  async pending(caller: Caller): Promise<PendingCaseClosureRequest[]> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await this.requests.listPending(manager, caller.schoolId);
      if (rows.length > 0) await this.audit.record(manager, caller, { action: 'case_closure_request.list', entityType: 'case_closure_request' });
      return rows.map((r) => ({
        ...r,
        reason: this.cipher.decrypt(r.reason, REASON(r.id)),
        guardianContactWaiver: r.guardianContactWaiver ? this.cipher.decrypt(r.guardianContactWaiver, WAIVER(r.id)) : null,
      }));
    });
  }
}
