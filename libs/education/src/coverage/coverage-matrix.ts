import type { CoverageClassView, CoverageMatrix, CoverageTopicView } from './coverage.dtos.js';
import type { CoverageCellRow } from './coverage.repository.js';

/** Folds the ordered cell rows of the coverage query into topics, classes and their missing required topics. */
export function coverageMatrix(period: { from: string; to: string }, rows: CoverageCellRow[]): CoverageMatrix {
  const topics = new Map<string, CoverageTopicView>();
  const classes = new Map<string, CoverageClassView>();
  for (const row of rows) {
    if (!topics.has(row.topicId)) {
      topics.set(row.topicId, { id: row.topicId, code: row.code, nameZh: row.nameZh, nameEn: row.nameEn, requiredBeforeHoliday: row.required });
    }
    if (row.classId === null) continue;
    let schoolClass = classes.get(row.classId);
    if (!schoolClass) {
      schoolClass = { id: row.classId, name: row.className ?? '', gradeId: row.gradeId ?? '', gradeName: row.gradeName ?? '', cells: [], missingTopics: [] };
      classes.set(row.classId, schoolClass);
    }
    schoolClass.cells.push({ topicId: row.topicId, code: row.code, status: row.status });
    if (row.required && row.status === 'missing') schoolClass.missingTopics.push(row.code);
  }
  return { from: period.from, to: period.to, topics: [...topics.values()], classes: [...classes.values()] };
}
