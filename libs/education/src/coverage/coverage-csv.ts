import { csvExport } from '#core';
import type { CellStatus, CoverageMatrix } from './coverage.dtos.js';

/** The words the school's report upward uses. */
const STATUS_LABELS: Record<CellStatus, string> = { delivered: '已开展', planned: '已计划', missing: '未安排' };

/** The coverage matrix for the report upward: grade, class, one column per topic, the missing required topics. */
export function coverageCsv(matrix: CoverageMatrix): string {
  const names = new Map(matrix.topics.map((t) => [t.code, t.nameZh]));
  const header = ['年级', '班级', ...matrix.topics.map((t) => t.nameZh), '缺少的必修主题'];
  const rows = matrix.classes.map((c) => [
    c.gradeName,
    c.name,
    ...c.cells.map((cell) => STATUS_LABELS[cell.status]),
    c.missingTopics.map((code) => names.get(code) ?? code).join('、'),
  ]);
  return csvExport(header, rows);
}
