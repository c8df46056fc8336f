import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { validationProblem } from '#core';
import type { Caller } from '#access';
import { CounselingSettingsRepository } from '../settings/counseling-settings.repository.js';
import { addDays, instantOfLocal, type LocalDate } from '../time/zoned-time.js';
import type { CounselingReport, CounselingReportQuery } from './counseling-report.dtos.js';
import { CounselingReportRepository } from './counseling-report.repository.js';

const MAX_DAYS = 366;

/** Counseling in numbers for administrators and the head of counseling. */
@Injectable()
export class CounselingReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: CounselingReportRepository,
    private readonly settings: CounselingSettingsRepository,
  ) {}

  async report(caller: Caller, query: CounselingReportQuery): Promise<CounselingReport> {
    const first = dateOf(query.from, 'from');
    const last = dateOf(query.to, 'to');
    const days = (Date.UTC(last.year, last.month - 1, last.day) - Date.UTC(first.year, first.month - 1, first.day)) / 86_400_000;
    if (days < 0) throw validationProblem([{ field: 'to', message: 'must not be before from' }]);
    if (days >= MAX_DAYS) throw validationProblem([{ field: 'to', message: `must be within ${MAX_DAYS} days of from` }]);

    const manager = this.dataSource.manager;
    const { timeZone } = await this.settings.find(manager, caller.schoolId);
    const from = instantOfLocal(first, 0, timeZone);
    const to = instantOfLocal(addDays(last, 1), 0, timeZone);
    const [weeks, totals] = await Promise.all([
      this.reports.sessionsByCounselorAndWeek(manager, caller.schoolId, timeZone, from, to),
      this.reports.attendanceAndWait(manager, caller.schoolId, from, to),
    ]);
    const due = totals.completed + totals.noShow;
    return {
      from: query.from,
      to: query.to,
      timeZone,
      sessionsByCounselorAndWeek: weeks,
      attendance: { completed: totals.completed, noShow: totals.noShow, noShowRate: due ? round(totals.noShow / due, 4) : null },
      waitFromRequestToFirstSession: {
        sessions: totals.waited,
        medianHours: totals.medianWaitSeconds === null ? null : round(Number(totals.medianWaitSeconds) / 3600, 1),
      },
    };
  }
}

function dateOf(value: string, field: string): LocalDate {
  const [year, month, day] = value.split('-').map(Number);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1) throw validationProblem([{ field, message: 'is not a calendar date' }]);
  return { year, month, day };
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
