import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, ConflictProblem, NotFoundProblem, type Page, pickChanges, toPage } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import type { CreateReferralAgencyDto, ReferralAgencyListQuery, ReferralAgencyView, UpdateReferralAgencyDto } from './referral-agency.dto.js';
import { ReferralAgencyRepository } from './referral-agency.repository.js';

const agencyNotFound = () => new NotFoundProblem('referral_agency.not_found', 'No such referral agency');
const agencyVersionConflict = () => new ConflictProblem('referral_agency.version_conflict', 'The agency changed since you read it; reload and try again');

/** The school's list of outside agencies (hospitals, police, ...) that cases are referred to. */
@Injectable()
export class ReferralAgenciesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly agencies: ReferralAgencyRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller, query: ReferralAgencyListQuery): Promise<Page<ReferralAgencyView>> {
    const rows = await this.agencies.listOfSchool(caller.schoolId, { includeInactive: query.includeInactive ?? false }, query);
    return toPage(rows, query, (r) => [r.kind, r.name, r.id]);
  }

  async get(caller: Caller, agencyId: string): Promise<ReferralAgencyView> {
    const agency = await this.agencies.findInSchool(caller.schoolId, agencyId);
    if (!agency) throw agencyNotFound();
    return agency;
  }

  async create(caller: Caller, dto: CreateReferralAgencyDto): Promise<ReferralAgencyView> {
    return this.dataSource.transaction(async (manager) => {
      const id = randomUUID();
      await this.agencies.insert(manager, {
        id,
        schoolId: caller.schoolId,
        name: dto.name,
        kind: dto.kind,
        phone: dto.phone ?? null,
        address: dto.address ?? null,
        contactPerson: dto.contactPerson ?? null,
        at: this.clock.now(),
      });
      await this.audit.record(manager, caller, { action: 'referral_agency.create', entityType: 'referral_agency', entityId: id, changedFields: Object.keys(dto) });
      return (await this.agencies.findInSchool(caller.schoolId, id, manager))!;
    });
  }

  async update(caller: Caller, agencyId: string, version: number, dto: UpdateReferralAgencyDto): Promise<ReferralAgencyView> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.agencies.findInSchool(caller.schoolId, agencyId, manager);
      if (!current) throw agencyNotFound();
      if (current.version !== version) throw agencyVersionConflict();
      const changes = pickChanges(current, {
        name: dto.name,
        kind: dto.kind,
        phone: dto.phone,
        address: dto.address,
        contactPerson: dto.contactPerson,
        active: dto.active,
      });
      const changedFields = Object.keys(changes);
      if (changedFields.length === 0) return current;
      if (!(await this.agencies.updateAtVersion(manager, caller.schoolId, agencyId, version, changes, this.clock.now()))) throw agencyVersionConflict();
      await this.audit.record(manager, caller, { action: 'referral_agency.update', entityType: 'referral_agency', entityId: agencyId, changedFields });
      return (await this.agencies.findInSchool(caller.schoolId, agencyId, manager))!;
    });
  }
}
