import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, ConflictProblem } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import type { HelpResource } from '../help-resources.js';
import { HelpResourcesRepository, type StoredHelpResources } from '../help-resources.repository.js';
import type { HelpResourceDto, HelpResourcesView } from './help-resources.dtos.js';

const viewOf = (stored: StoredHelpResources): HelpResourcesView => ({ ...stored, showsGeneralHelp: stored.resources.length === 0 });

/** Only the fields a resource has, optional notes left out when absent: nothing else reaches the stored list. */
const resourceOf = ({ nameZh, nameEn, contact, noteZh, noteEn }: HelpResourceDto): HelpResource => ({
  nameZh,
  nameEn,
  contact,
  ...(noteZh !== undefined ? { noteZh } : {}),
  ...(noteEn !== undefined ? { noteEn } : {}),
});

/** The help a school shows students after a survey (and on its used or closed links): administrators keep it. */
@Injectable()
export class HelpResourcesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: HelpResourcesRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async find(caller: Caller): Promise<HelpResourcesView> {
    return viewOf(await this.repository.findStored(caller.schoolId));
  }

  async replace(caller: Caller, version: number, resources: HelpResourceDto[]): Promise<HelpResourcesView> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.repository.findStored(caller.schoolId, manager);
      if (current.version !== version) throw versionConflict();
      const saved = await this.repository.replaceAtVersion(manager, caller.schoolId, resources.map(resourceOf), version, this.clock.now());
      if (!saved) throw versionConflict();
      await this.audit.record(manager, caller, { action: 'help_resources.replace', entityType: 'help_resources', changedFields: ['resources'] });
      return viewOf(saved);
    });
  }
}

const versionConflict = () => new ConflictProblem('help_resources.version_conflict', 'The help resources changed since you read them; reload and try again');
