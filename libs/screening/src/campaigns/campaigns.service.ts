import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock, type FieldError, type Page, toPage, validationProblem } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { campaignNotEditable, campaignNotFound, campaignVersionConflict } from './campaign-problems.js';
import { CampaignReferencesRepository, type RequestedReferences } from './campaign-references.repository.js';
import { referenceErrors, targetErrors, windowErrors } from './campaign-rules.js';
import { allowedTransitions } from './campaign-status.js';
import { CampaignRepository, type CampaignRow, type CampaignSets, type CampaignValues } from './campaign.repository.js';
import type { CampaignListQuery } from './dtos/campaign-list.query.js';
import type { CampaignDetail, CampaignSummary } from './dtos/campaign.views.js';
import type { CreateCampaignDto } from './dtos/create-campaign.dto.js';
import type { UpdateCampaignDto } from './dtos/update-campaign.dto.js';

/**
 * Screening campaigns: a counselor drafts one (window, target grades and classes, instruments,
 * consent text, team), edits it while it is a draft, and reads them all. Opening and closing
 * live in CampaignTransitionsService.
 */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly campaigns: CampaignRepository,
    private readonly references: CampaignReferencesRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(caller: Caller, dto: CreateCampaignDto): Promise<CampaignDetail> {
    const values = valuesOf(dto);
    const sets = { gradeIds: dto.gradeIds ?? [], classIds: dto.classIds ?? [], instrumentIds: dto.instrumentIds, counselorIds: dto.counselorIds ?? [] };
    throwIfAny([...windowErrors(values.opensAt, values.closesAt, this.clock.now()), ...targetErrors(sets.gradeIds, sets.classIds)]);
    const id = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      await this.checkReferences(manager, caller.schoolId, sets);
      await this.campaigns.insert(manager, { id, schoolId: caller.schoolId, createdBy: caller.userId, ...values });
      await this.campaigns.replaceSets(manager, { schoolId: caller.schoolId, campaignId: id, createdBy: caller.userId }, sets);
      await this.audit.record(manager, caller, { action: 'screening_campaign.create', entityType: 'screening_campaign', entityId: id });
    });
    return this.get(caller, id);
  }

  async get(caller: Caller, campaignId: string): Promise<CampaignDetail> {
    const row = await this.campaigns.findDetail(caller.schoolId, campaignId);
    if (!row) throw campaignNotFound();
    return detailOf(row);
  }

  async list(caller: Caller, query: CampaignListQuery): Promise<Page<CampaignSummary>> {
    const rows = await this.campaigns.list(caller.schoolId, { status: query.status }, query);
    return toPage(rows, query, (r) => [r.createdAt.toISOString(), r.id]);
  }

  /** A draft's team edits it, based on the version they read; a given list replaces the stored one. */
  async update(caller: Caller, campaignId: string, version: number, dto: UpdateCampaignDto): Promise<CampaignDetail> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.campaigns.lockForChange(manager, caller.schoolId, campaignId, caller.userId);
      if (!current?.inTeam) throw campaignNotFound();
      if (current.status !== 'draft') throw campaignNotEditable(current.status);
      if (current.version !== version) throw campaignVersionConflict();

      const values = { ...valuesOf(current), ...definedValuesOf(dto) };
      const sets = changedSetsOf(current, dto);
      throwIfAny([
        ...windowErrors(values.opensAt, values.closesAt, this.clock.now()),
        ...targetErrors(sets.gradeIds ?? current.gradeIds, sets.classIds ?? current.classIds),
      ]);
      await this.checkReferences(manager, caller.schoolId, sets);
      if (!(await this.campaigns.updateDraft(manager, { schoolId: caller.schoolId, campaignId, version }, values))) throw campaignVersionConflict();
      await this.campaigns.replaceSets(manager, { schoolId: caller.schoolId, campaignId, createdBy: current.createdBy }, sets);
      await this.audit.record(manager, caller, {
        action: 'screening_campaign.update',
        entityType: 'screening_campaign',
        entityId: campaignId,
        changedFields: changedFieldsOf(valuesOf(current), dto),
      });
    });
    return this.get(caller, campaignId);
  }

  private async checkReferences(manager: EntityManager, schoolId: string, sets: Partial<CampaignSets>): Promise<void> {
    const requested: RequestedReferences = {
      gradeIds: sets.gradeIds ?? [],
      classIds: sets.classIds ?? [],
      counselorIds: sets.counselorIds ?? [],
      instrumentIds: sets.instrumentIds ?? [],
    };
    throwIfAny(referenceErrors(requested, await this.references.find(manager, schoolId, requested)));
  }
}

export function detailOf(row: CampaignRow): CampaignDetail {
  return { ...row, allowedTransitions: allowedTransitions(row.status) };
}

function throwIfAny(errors: FieldError[]): void {
  if (errors.length > 0) throw validationProblem(errors);
}

function valuesOf(source: CreateCampaignDto | CampaignRow): CampaignValues {
  return {
    name: source.name,
    opensAt: new Date(source.opensAt),
    closesAt: new Date(source.closesAt),
    consentTextZh: source.consentTextZh,
    consentTextEn: source.consentTextEn ?? null,
  };
}

/** The scalar values a PATCH gives; null clears the English consent text. */
function definedValuesOf(dto: UpdateCampaignDto): Partial<CampaignValues> {
  const given: Partial<CampaignValues> = {};
  if (dto.name !== undefined) given.name = dto.name;
  if (dto.opensAt !== undefined) given.opensAt = new Date(dto.opensAt);
  if (dto.closesAt !== undefined) given.closesAt = new Date(dto.closesAt);
  if (dto.consentTextZh !== undefined) given.consentTextZh = dto.consentTextZh;
  if (dto.consentTextEn !== undefined) given.consentTextEn = dto.consentTextEn;
  return given;
}

const SET_FIELDS = ['gradeIds', 'classIds', 'instrumentIds', 'counselorIds'] as const;

/** The names of the fields a PATCH really changes (the lists it gives count as changed). */
function changedFieldsOf(current: CampaignValues, dto: UpdateCampaignDto): string[] {
  const given = definedValuesOf(dto);
  const changed = (Object.keys(given) as (keyof CampaignValues)[]).filter((field) => {
    const [before, after] = [current[field], given[field]];
    return before instanceof Date && after instanceof Date ? before.getTime() !== after.getTime() : before !== after;
  });
  return [...changed, ...SET_FIELDS.filter((field) => dto[field] !== undefined)];
}

/** The lists a PATCH replaces. Targets are one table, so a new grade list is written with the current classes and the other way round. */
function changedSetsOf(current: CampaignRow, dto: UpdateCampaignDto): Partial<CampaignSets> {
  const sets: Partial<CampaignSets> = {};
  if (dto.gradeIds || dto.classIds) {
    sets.gradeIds = dto.gradeIds ?? current.gradeIds;
    sets.classIds = dto.classIds ?? current.classIds;
  }
  if (dto.instrumentIds) sets.instrumentIds = dto.instrumentIds;
  if (dto.counselorIds) sets.counselorIds = dto.counselorIds;
  return sets;
}
