import { Injectable } from '@nestjs/common';
import { validationProblem } from '#core';
import type { Caller } from '#access';
import type { CoverageQuery } from '../coverage/coverage.dtos.js';
import { addDays } from '../shared/calendar-date.js';
import type { ClassGapView, GradeCoverageView, MissingTopicsQuery } from './education-report.dtos.js';
import { EducationReportRepository } from './education-report.repository.js';

/**
 * How far before a holiday its safety education counts, while there is no term calendar: the
 * Holiday-windows issue replaces it with the pre-holiday key window.
 */
export const PRE_HOLIDAY_WINDOW_DAYS = 30;

@Injectable()
export class EducationReportsService {
  constructor(private readonly reports: EducationReportRepository) {}

  async byGrade(caller: Caller, query: CoverageQuery): Promise<{ from: string; to: string; grades: GradeCoverageView[] }> {
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

  async missingBeforeHoliday(caller: Caller, query: MissingTopicsQuery): Promise<{ from: string; before: string; classes: ClassGapView[] }> {
    const from = query.from ?? addDays(query.before, -PRE_HOLIDAY_WINDOW_DAYS);
    if (from >= query.before) throw validationProblem([{ field: 'from', message: 'must be before `before`' }]);
    const classes = await this.reports.classGaps(caller.schoolId, { from, until: query.before });
    return { from, before: query.before, classes };
  }
}
