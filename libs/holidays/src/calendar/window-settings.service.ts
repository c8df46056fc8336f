import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock, ConflictProblem } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { DEFAULT_WINDOW_LENGTHS } from '../windows/key-windows.js';
import type { UpdateWindowSettingsDto, WindowSettingsView } from './calendar.dtos.js';

const SETTINGS_COLUMNS = `pre_holiday_days AS "preHolidayDays", pre_return_days AS "preReturnDays", post_return_days AS "postReturnDays", version`;

/** Key-window lengths per school; the defaults (version 1) until an administrator changes them. */
@Injectable()
export class WindowSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async find(schoolId: string, manager: EntityManager = this.dataSource.manager): Promise<WindowSettingsView> {
    const rows = await manager.query<WindowSettingsView[]>(`SELECT ${SETTINGS_COLUMNS} FROM school_window_settings WHERE school_id = $1`, [schoolId]);
    return rows[0] ?? { ...DEFAULT_WINDOW_LENGTHS, version: 1 };
  }

  async update(caller: Caller, version: number, dto: UpdateWindowSettingsDto): Promise<WindowSettingsView> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.find(caller.schoolId, manager);
      if (current.version !== version) throw versionConflict();
      const next = {
        preHolidayDays: dto.preHolidayDays ?? current.preHolidayDays,
        preReturnDays: dto.preReturnDays ?? current.preReturnDays,
        postReturnDays: dto.postReturnDays ?? current.postReturnDays,
      };
      const changedFields = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== current[k]);
      if (changedFields.length === 0) return current;
      // The first change inserts the row at version 2; later ones update it only at the expected version.
      const rows = await manager.query<WindowSettingsView[]>(
        `INSERT INTO school_window_settings AS s (school_id, pre_holiday_days, pre_return_days, post_return_days, updated_at, version)
         VALUES ($1, $2, $3, $4, $5, 2)
         ON CONFLICT (school_id) DO UPDATE
           SET pre_holiday_days = EXCLUDED.pre_holiday_days, pre_return_days = EXCLUDED.pre_return_days,
               post_return_days = EXCLUDED.post_return_days, updated_at = EXCLUDED.updated_at, version = s.version + 1
           WHERE s.version = $6
         RETURNING ${SETTINGS_COLUMNS}`,
        [caller.schoolId, next.preHolidayDays, next.preReturnDays, next.postReturnDays, this.clock.now(), version],
      );
      if (rows.length === 0) throw versionConflict();
      await this.audit.record(manager, caller, { action: 'window_settings.update', entityType: 'window_settings', changedFields });
      return rows[0];
    });
  }
}

const versionConflict = () => new ConflictProblem('window_settings.version_conflict', 'The settings changed since you read them; reload and try again');
