import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CaseEventRepository } from '#cases';
import { CaseLinkRepository, type OpenCase } from './case-link.repository.js';

/**
 * A session booked for a student with an open intervention case becomes one of the case's
 * signals (source `appointment`), visible in its timeline.
 */
@Injectable()
export class CaseLinker {
  constructor(
    private readonly caseLinks: CaseLinkRepository,
    private readonly events: CaseEventRepository,
  ) {}

  openCaseOf(manager: EntityManager, schoolId: string, studentId: string, counselorId: string | null): Promise<OpenCase | null> {
    return this.caseLinks.openCaseOf(manager, schoolId, studentId, counselorId);
  }

  async link(manager: EntityManager, openCase: OpenCase | null, appointment: { id: string; schoolId: string }, actorId: string, at: Date): Promise<void> {
    if (!openCase) return;
    const attached = await this.caseLinks.attachSignal(manager, { schoolId: appointment.schoolId, caseId: openCase.id, appointmentId: appointment.id, attachedBy: actorId, at });
    if (!attached) return;
    await this.events.append(manager, {
      schoolId: appointment.schoolId,
      caseId: openCase.id,
      kind: 'signal_attached',
      actorId,
      at,
      data: { source: { type: 'appointment', id: appointment.id } },
    });
  }
}
