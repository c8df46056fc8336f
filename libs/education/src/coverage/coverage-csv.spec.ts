import { coverageCsv } from './coverage-csv.js';
import type { CoverageMatrix } from './coverage.dtos.js';

const matrix: CoverageMatrix = {
  from: '2026-06-01',
  to: '2026-06-30',
  topics: [
    { id: 't1', code: 'fire_safety', nameZh: '消防安全', nameEn: 'Fire safety', requiredBeforeHoliday: true },
    { id: 't2', code: 'drowning', nameZh: '-防溺水', nameEn: 'Drowning prevention', requiredBeforeHoliday: true },
  ],
  classes: [
    {
      id: 'c1',
      name: '1班, "实验"',
      gradeId: 'g1',
      gradeName: '高一',
      cells: [
        { topicId: 't1', code: 'fire_safety', status: 'delivered' },
        { topicId: 't2', code: 'drowning', status: 'missing' },
      ],
      missingTopics: ['drowning'],
    },
    {
      id: 'c2',
      name: '=HYPERLINK("x")',
      gradeId: 'g1',
      gradeName: '高一',
      cells: [
        { topicId: 't1', code: 'fire_safety', status: 'planned' },
        { topicId: 't2', code: 'drowning', status: 'planned' },
      ],
      missingTopics: [],
    },
  ],
};

describe('coverage CSV', () => {
  it('starts with a BOM and a header row, quotes what needs quoting and defuses formulas, in topic names too', () => {
    expect(coverageCsv(matrix)).toBe(
      "\uFEFF年级,班级,消防安全,'-防溺水,缺少的必修主题\r\n" +
        `高一,"1班, ""实验""",已开展,未安排,'-防溺水\r\n` +
        `高一,"'=HYPERLINK(""x"")",已计划,已计划,\r\n`,
    );
  });
});
