import type { CellStatus, CoverageMatrix } from './coverage.dtos.js';

const BOM = '\uFEFF';

/** The words the school's report upward uses. */
const STATUS_LABELS: Record<CellStatus, string> = { delivered: '已开展', planned: '已计划', missing: '未安排' };

/**
 * The coverage matrix as CSV for the report upward: UTF-8 with a byte-order mark (so spreadsheet
 * programs read Chinese right), a header row (grade, class, one column per topic, the missing
 * required topics) and CRLF line ends.
 */
export function coverageCsv(matrix: CoverageMatrix): string {
  const names = new Map(matrix.topics.map((t) => [t.code, t.nameZh]));
  const header = ['年级', '班级', ...matrix.topics.map((t) => t.nameZh), '缺少的必修主题'];
  const rows = matrix.classes.map((c) => [
    textCell(c.gradeName),
    textCell(c.name),
    ...c.cells.map((cell) => STATUS_LABELS[cell.status]),
    c.missingTopics.map((code) => names.get(code) ?? code).join('、'),
  ]);
  return BOM + [header.map(textCell), ...rows].map((cells) => cells.map(quoted).join(',')).join('\r\n') + '\r\n';
}

/** Quotes a cell that holds a comma, quote or line break, doubling its quotes. */
function quoted(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** Names come from people: one that starts like a formula gets an apostrophe so a spreadsheet shows it as text. */
function textCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
