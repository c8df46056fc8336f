import { Injectable } from '@nestjs/common';
import { Clock, ConflictProblem, validationProblem } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { grantOf } from '../access/case-access.repository.js';
import { caseVersionConflict } from '../case-problems.js';
import { CaseRepository } from '../case.repository.js';
import { CaseLifecycleService } from '../lifecycle/case-lifecycle.service.js';
import { CaseEventRepository } from '../timeline/case-event.repository.js';

/** The owner and the team: who works on the case and sees its clinical content. */
@Injectable()
export class CaseTeamService {
  constructor(
    private readonly lifecycle: CaseLifecycleService,
    private readonly cases: CaseRepository,
    private readonly events: CaseEventRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** A new owner, with a reason; they join the team, the previous owner stays on it. */
  async reassign(caller: Caller, caseId: string, ownerId: string, version: number, reason: string): Promise<void> {
    await this.lifecycle.withCase(caller, caseId, async (manager, row, access) => {
      if (!(await this.cases.isCounselorOfSchool(manager, row.schoolId, ownerId))) {
        throw validationProblem([{ field: 'ownerId', message: 'must be an active counselor of the school' }]);
      }
      if (ownerId === row.ownerId) throw new ConflictProblem('case.already_owner', 'That counselor already owns the case');
      const at = this.clock.now();
      if ((await this.cases.updateIfCurrent(manager, row.id, version, { ownerId }, at)) === null) throw caseVersionConflict();
      await this.cases.addTeamMember(manager, { schoolId: row.schoolId, caseId: row.id, userId: ownerId, at });
      await this.events.append(manager, {
        schoolId: row.schoolId,
        caseId: row.id,
        kind: 'owner_changed',
        actorId: caller.userId,
        at,
        data: { from: row.ownerId, to: ownerId },
        reason,
      });
      await this.audit.record(manager, caller, {
        action: 'case.reassign',
        entityType: 'case',
        entityId: row.id,
        studentId: row.studentId,
        changedFields: ['ownerId'],
        breakGlassGrantId: grantOf(access),
      });
    });
  }

  async addMember(caller: Caller, caseId: string, userId: string): Promise<void> {
    await this.lifecycle.withCase(caller, caseId, async (manager, row, access) => {
      if (!(await this.cases.isCounselorOfSchool(manager, row.schoolId, userId))) {
        throw validationProblem([{ field: 'userId', message: 'must be an active counselor of the school' }]);
      }
      const at = this.clock.now();
      if (!(await this.cases.addTeamMember(manager, { schoolId: row.schoolId, caseId: row.id, userId, at }))) {
        throw new ConflictProblem('case.already_member', 'That counselor is already on the team');
      }
      await this.events.append(manager, { schoolId: row.schoolId, caseId: row.id, kind: 'member_added', actorId: caller.userId, at, data: { userId } });
      await this.audit.record(manager, caller, {
        action: 'case.add_member',
        entityType: 'case',
        entityId: row.id,
        studentId: row.studentId,
        breakGlassGrantId: grantOf(access),
      });
    });
  }

  async removeMember(caller: Caller, caseId: string, userId: string): Promise<void> {
    await this.lifecycle.withCase(caller, caseId, async (manager, row, access) => {
      if (userId === row.ownerId) throw new ConflictProblem('case.owner_stays', 'The owner stays on the team: reassign the case first');
      const at = this.clock.now();
      if (!(await this.cases.removeTeamMember(manager, row.id, userId, at))) {
        throw new ConflictProblem('case.not_a_member', 'That user is not on the team');
      }
      await this.events.append(manager, { schoolId: row.schoolId, caseId: row.id, kind: 'member_removed', actorId: caller.userId, at, data: { userId } });
      await this.audit.record(manager, caller, {
        action: 'case.remove_member',
        entityType: 'case',
        entityId: row.id,
        studentId: row.studentId,
        breakGlassGrantId: grantOf(access),
      });
    });
  }
}
