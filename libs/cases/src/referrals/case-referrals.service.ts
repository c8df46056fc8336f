import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock, ConflictProblem, NotFoundProblem, type Page, toPage, validationProblem } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { FieldCipher } from '#crypto';
import { CaseAccessRepository, caseReadEntry, grantOf } from '../access/case-access.repository.js';
import { caseClosed } from '../tasks/case-tasks.service.js';
import { CaseEventRepository } from '../timeline/case-event.repository.js';
import type { CaseReferralListQuery, CaseReferralView, CreateCaseReferralDto, UpdateCaseReferralDto } from './case-referral.dto.js';
import { CaseReferralRepository, type CaseReferralRow } from './case-referral.repository.js';
import { allowedReferralMoves, canMoveReferral } from './referral-status.js';

const noteBinding = (referralId: string) => ({ table: 'case_referrals', column: 'note', rowId: referralId });

const referralNotFound = () => new NotFoundProblem('referral.not_found', 'No such referral in this case');
const referralVersionConflict = () => new ConflictProblem('referral.version_conflict', 'The referral changed since you read it; reload and try again');

/**
 * Referrals of a case to outside agencies, followed to completion. Making one does not move the
 * case: the team moves it to `referred` through the case's transitions.
 */
@Injectable()
export class CaseReferralsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CaseAccessRepository,
    private readonly referrals: CaseReferralRepository,
    private readonly events: CaseEventRepository,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  async create(caller: Caller, caseId: string, dto: CreateCaseReferralDto): Promise<CaseReferralView> {
    return this.dataSource.transaction(async (manager) => {
      const { row, access } = await this.access.requireAccessible(manager, caller, caseId, this.clock.now(), { lock: true });
      if (row.state === 'closed') throw caseClosed();
      if (!(await this.referrals.isActiveAgencyOfSchool(manager, row.schoolId, dto.agencyId))) {
        throw validationProblem([{ field: 'agencyId', message: "is not an active agency of the school's list" }]);
      }
      const id = randomUUID();
      const at = this.clock.now();
      await this.referrals.insert(manager, {
        id,
        schoolId: row.schoolId,
        caseId: row.id,
        agencyId: dto.agencyId,
        note: dto.note ? this.cipher.encrypt(dto.note, noteBinding(id)) : null,
        createdBy: caller.userId,
        at,
      });
      await this.events.append(manager, {
        schoolId: row.schoolId,
        caseId: row.id,
        kind: 'referral_created',
        actorId: caller.userId,
        at,
        data: { referralId: id, agencyId: dto.agencyId, status: 'pending' },
      });
      await this.audit.record(manager, caller, {
        action: 'case_referral.create',
        entityType: 'case_referral',
        entityId: id,
        studentId: row.studentId,
        changedFields: Object.keys(dto),
        breakGlassGrantId: grantOf(access),
      });
      return this.viewOf(await this.mustFind(manager, row.id, id));
    });
  }

  async changeStatus(caller: Caller, caseId: string, referralId: string, version: number, dto: UpdateCaseReferralDto): Promise<CaseReferralView> {
    return this.dataSource.transaction(async (manager) => {
      const { row, access } = await this.access.requireAccessible(manager, caller, caseId, this.clock.now(), { lock: true });
      const current = await this.mustFind(manager, row.id, referralId);
      if (current.version !== version) throw referralVersionConflict();
      if (!canMoveReferral(current.status, dto.status)) {
        throw new ConflictProblem('referral.illegal_transition', `A ${current.status} referral cannot become ${dto.status}`, {
          allowed: allowedReferralMoves(current.status),
        });
      }
      const at = this.clock.now();
      const moved = await this.referrals.changeStatusAtVersion(manager, {
        caseId: row.id,
        referralId,
        version,
        from: current.status,
        to: dto.status,
        note: dto.note ? this.cipher.encrypt(dto.note, noteBinding(referralId)) : null,
        at,
      });
      if (!moved) throw referralVersionConflict();
      await this.events.append(manager, {
        schoolId: row.schoolId,
        caseId: row.id,
        kind: 'referral_updated',
        actorId: caller.userId,
        at,
        data: { referralId, agencyId: current.agencyId, from: current.status, to: dto.status },
      });
      await this.audit.record(manager, caller, {
        action: 'case_referral.update',
        entityType: 'case_referral',
        entityId: referralId,
        studentId: row.studentId,
        changedFields: dto.note ? ['status', 'note'] : ['status'],
        breakGlassGrantId: grantOf(access),
      });
      return this.viewOf(await this.mustFind(manager, row.id, referralId));
    });
  }

  async list(caller: Caller, caseId: string, query: CaseReferralListQuery): Promise<Page<CaseReferralView>> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.access.requireAccessible(manager, caller, caseId, this.clock.now());
      const rows = await this.referrals.listOfCase(manager, found.row.id, { status: query.status }, query);
      await this.audit.record(manager, caller, caseReadEntry('case_referral.read', found));
      return toPage(rows, query, (r) => [r.referredAt.toISOString(), r.id], (r) => this.viewOf(r));
    });
  }

  async get(caller: Caller, caseId: string, referralId: string): Promise<CaseReferralView> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.access.requireAccessible(manager, caller, caseId, this.clock.now());
      const referral = await this.mustFind(manager, found.row.id, referralId);
      await this.audit.record(manager, caller, caseReadEntry('case_referral.read', found));
      return this.viewOf(referral);
    });
  }

  private async mustFind(manager: EntityManager, caseId: string, referralId: string): Promise<CaseReferralRow> {
    const referral = await this.referrals.findInCase(manager, caseId, referralId);
    if (!referral) throw referralNotFound();
    return referral;
  }

  private viewOf(row: CaseReferralRow): CaseReferralView {
    return {
      ...row,
      allowedStatuses: allowedReferralMoves(row.status),
      note: row.note ? this.cipher.decrypt(row.note, noteBinding(row.id)) : null,
    };
  }
}
