import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '#core';
import { type AuditActor, AuditService } from '#audit';
import { RiskRegisterService } from '#risk';
import type { CaseRiskLevel, CaseSource } from '../entities/case.entity.js';
import { CaseRepository } from '../case.repository.js';
import { CaseEventRepository } from '../timeline/case-event.repository.js';

export interface CaseOpening {
  schoolId: string;
  studentId: string;
  riskLevel: CaseRiskLevel;
  ownerId: string;
  source: { type: Exclude<CaseSource, 'manual'>; id: string } | null;
  reason?: string;
}

/**
 * Opens a case, or attaches the signal to the student's open one: a student never has two.
 * Runs in the caller's transaction (a flag's triage, an alert's follow-up, a counselor's POST).
 */
@Injectable()
export class CaseOpeningService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly events: CaseEventRepository,
    private readonly audit: AuditService,
    private readonly risk: RiskRegisterService,
    private readonly clock: Clock,
  ) {}

  async openOrAttach(manager: EntityManager, actor: AuditActor & { userId: string }, opening: CaseOpening): Promise<{ caseId: string; opened: boolean }> {
    const at = this.clock.now();
    const newId = await this.cases.insertUnlessOpen(manager, {
      schoolId: opening.schoolId,
      studentId: opening.studentId,
      riskLevel: opening.riskLevel,
      ownerId: opening.ownerId,
      sourceType: opening.source?.type ?? 'manual',
      sourceId: opening.source?.id ?? null,
      openedBy: actor.userId,
      at,
    });
    const caseId = newId ?? (await this.cases.findOpenCaseOfStudent(manager, opening.schoolId, opening.studentId))?.id;
    if (!caseId) throw new Error('A case was neither opened nor found open');

    if (newId) {
      await this.cases.addTeamMember(manager, { schoolId: opening.schoolId, caseId, userId: opening.ownerId, at });
      if (opening.ownerId !== actor.userId) await this.cases.addTeamMember(manager, { schoolId: opening.schoolId, caseId, userId: actor.userId, at });
      await this.events.append(manager, {
        schoolId: opening.schoolId,
        caseId,
        kind: 'opened',
        actorId: actor.userId,
        at,
        data: { riskLevel: opening.riskLevel, ownerId: opening.ownerId, source: opening.source },
        reason: opening.reason,
      });
    }
    if (opening.source) {
      const attached = await this.cases.attachSignal(manager, {
        schoolId: opening.schoolId,
        caseId,
        sourceType: opening.source.type,
        sourceId: opening.source.id,
        attachedBy: actor.userId,
        at,
      });
      if (attached && !newId) {
        await this.events.append(manager, { schoolId: opening.schoolId, caseId, kind: 'signal_attached', actorId: actor.userId, at, data: { source: opening.source } });
      }
    }
    await this.audit.record(manager, actor, {
      action: newId ? 'case.open' : 'case.attach_signal',
      entityType: 'case',
      entityId: caseId,
      studentId: opening.studentId,
    });
    await this.risk.recompute(manager, opening.schoolId, [opening.studentId]);
    return { caseId, opened: Boolean(newId) };
  }
}
