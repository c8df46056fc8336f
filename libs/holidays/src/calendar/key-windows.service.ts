import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, validationProblem } from '#core';
import type { Caller } from '#access';
import { activeAt, type HolidayDates, type KeyWindow, keyWindowsOf, overlappingRange } from '../windows/key-windows.js';
import type { WindowsQuery } from './calendar.dtos.js';
import { WindowSettingsService } from './window-settings.service.js';

/** A window can reach this many days from its holiday (the longest setting is 90 days). */
const WINDOW_REACH_DAYS = 91;
const MAX_RANGE_DAYS = 800;

/** The key windows of the school's holidays, computed from the calendar on each request. */
@Injectable()
export class KeyWindowsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: WindowSettingsService,
    private readonly clock: Clock,
  ) {}

  async windows(caller: Caller, query: WindowsQuery): Promise<{ items: KeyWindow[] }> {
    if (query.at !== undefined && (query.from !== undefined || query.to !== undefined)) {
      throw validationProblem([{ field: 'at', message: 'must not be combined with from and to' }]);
    }
    if ((query.from === undefined) !== (query.to === undefined)) {
      throw validationProblem([{ field: query.from === undefined ? 'from' : 'to', message: 'is required with the other end of the range' }]);
    }
    if (query.from !== undefined && query.to !== undefined) {
      const [from, to] = [new Date(query.from), new Date(query.to)];
      if (to.getTime() <= from.getTime()) throw validationProblem([{ field: 'to', message: 'must be after from' }]);
      if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) throw validationProblem([{ field: 'to', message: `must be within ${MAX_RANGE_DAYS} days of from` }]);
      return { items: overlappingRange(await this.windowsNear(caller.schoolId, from, to), from, to) };
    }
    const at = query.at !== undefined ? new Date(query.at) : this.clock.now();
    return { items: activeAt(await this.windowsNear(caller.schoolId, at, at), at) };
  }

  /** The windows of the holidays whose windows can reach into [from, to]. */
  private async windowsNear(schoolId: string, from: Date, to: Date): Promise<KeyWindow[]> {
    const [{ timezone }] = await this.dataSource.query<{ timezone: string }[]>('SELECT timezone FROM schools WHERE id = $1', [schoolId]);
    const holidays = await this.dataSource.query<HolidayDates[]>(
      `SELECT id, starts_on::text AS "startsOn", ends_on::text AS "endsOn" FROM school_holidays
        WHERE school_id = $1
          AND ends_on >= ($2::timestamptz AT TIME ZONE $4)::date - $5::int
          AND starts_on <= ($3::timestamptz AT TIME ZONE $4)::date + $5::int
        ORDER BY starts_on, id`,
      [schoolId, from, to, timezone, WINDOW_REACH_DAYS],
    );
    return keyWindowsOf(holidays, await this.settings.find(schoolId), timezone);
  }
}
