import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, ConflictProblem, pickChanges } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import type { CounselingSettingsView, UpdateCounselingSettingsDto } from './counseling-settings.dto.js';
import { CounselingSettingsRepository } from './counseling-settings.repository.js';

@Injectable()
export class CounselingSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: CounselingSettingsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  get(caller: Caller): Promise<CounselingSettingsView> {
    return this.settings.find(this.dataSource.manager, caller.schoolId);
  }

  async update(caller: Caller, version: number, dto: UpdateCounselingSettingsDto): Promise<CounselingSettingsView> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.settings.find(manager, caller.schoolId);
      if (current.version !== version) throw versionConflict();
      const changes = pickChanges(current, { remoteOnlyDuringHolidays: dto.remoteOnlyDuringHolidays, offerHoldHours: dto.offerHoldHours });
      if (Object.keys(changes).length === 0) return current;
      const saved = await this.settings.saveIfCurrent(manager, caller.schoolId, version, { ...current, ...changes }, this.clock.now());
      if (saved === null) throw versionConflict();
      await this.audit.record(manager, caller, {
        action: 'counseling_settings.update',
        entityType: 'school',
        entityId: caller.schoolId,
        changedFields: Object.keys(changes),
      });
      return this.settings.find(manager, caller.schoolId);
    });
  }
}

const versionConflict = () => new ConflictProblem('counseling_settings.version_conflict', 'The settings changed since you read them; reload and try again');
