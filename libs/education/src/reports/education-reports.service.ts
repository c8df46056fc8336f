import { Injectable } from '@nestjs/common';
import { BadRequestProblem, Clock, validationProblem } from '#core';
import type { Caller } from '#access';
import type { CoverageQuery } from '../coverage/coverage.dtos.js';
import { addDays } from '../shared/calendar-date.js';
import type { EducationCoverageReport, GradeCoverageView, MissingTopicsQuery, MissingTopicsReport } from './education-report.dtos.js';
import { EducationReportRepository } from './education-report.repository.js';

/**
 * How far before an explicit `before` its safety education counts: the day named need not be a
 * holiday on the calendar, so no pre-holiday window applies (kept as it was before the calendar).
 */
export const PRE_HOLIDAY_WINDOW_DAYS = 30;

@Injectable()
export class EducationReportsService {
  constructor(
    private readonly reports: EducationReportRepository,
    private readonly clock: Clock,
  ) {}

  async byGrade(caller: Caller, query: CoverageQuery): Promise<EducationCoverageReport> {
    if (query.to < query.from) throw validationProblem([{ field: 'to', message: 'must not be before from' }]);
    const rows = await this.reports.byGradeAndTopic(caller.schoolId, { from: query.from, until: addDays(query.to, 1) });
    const grades = new Map<string, GradeCoverageView>();
    for (const { gradeId, gradeName, ...counts } of rows) {
      const grade = grades.get(gradeId) ?? { gradeId, gradeName, topics: [] };
      grade.topics.push(counts);
      grades.set(gradeId, grade);
    }
    return { from: query.from, to: query.to, grades: [...grades.values()] };
  }

  async missingBeforeHoliday(caller: Caller, query: MissingTopicsQuery): Promise<MissingTopicsReport> {
    const { before, from } =
      query.before !== undefined
        ? { before: query.before, from: query.from ?? addDays(query.before, -PRE_HOLIDAY_WINDOW_DAYS) }
        : await this.nextPreHolidayWindow(caller, query.from);
    if (from >= before && query.from !== undefined) throw validationProblem([{ field: 'from', message: 'must be before `before`' }]);
    const classes = await this.reports.classGaps(caller.schoolId, { from, until: before });
    return { from, before, classes };
  }

  /** The next holiday's first day and the start of its pre-holiday window (or `from` when given). */
  private async nextPreHolidayWindow(caller: Caller, from: string | undefined): Promise<{ before: string; from: string }> {
    const holiday = await this.reports.upcomingHoliday(caller.schoolId, this.clock.now());
    if (!holiday) {
      throw new BadRequestProblem('education.no_upcoming_holiday', 'The school has no holiday ahead on its term calendar: pass `before` (the holiday\'s first day) or add the holiday', [
        { field: 'before', message: 'is required while no holiday is ahead on the term calendar' },
      ]);
    }
    return { before: holiday.firstDay, from: from ?? holiday.preHolidayFirstDay };
  }
}
