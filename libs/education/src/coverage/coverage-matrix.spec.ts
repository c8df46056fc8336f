import { coverageMatrix } from './coverage-matrix.js';
import type { CoverageCellRow } from './coverage.repository.js';

const topic = (id: string, required: boolean) => ({ topicId: id, code: id, nameZh: `主题${id}`, nameEn: `Topic ${id}`, required });
const klass = (id: string) => ({ classId: id, className: `${id}班`, gradeId: 'g1', gradeName: '高一' });
const noClass = { classId: null, className: null, gradeId: null, gradeName: null };

describe('coverage matrix', () => {
  it('folds cells into classes, in order, with their missing required topics', () => {
    const rows: CoverageCellRow[] = [
      { ...klass('a'), ...topic('fire', true), status: 'delivered' },
      { ...klass('a'), ...topic('club', false), status: 'missing' },
      { ...klass('a'), ...topic('drown', true), status: 'missing' },
      { ...klass('b'), ...topic('fire', true), status: 'planned' },
      { ...klass('b'), ...topic('club', false), status: 'missing' },
      { ...klass('b'), ...topic('drown', true), status: 'missing' },
    ];
    const matrix = coverageMatrix({ from: '2026-06-01', to: '2026-06-30' }, rows);
    expect(matrix.topics.map((t) => t.code)).toEqual(['fire', 'club', 'drown']);
    expect(matrix.classes.map((c) => [c.id, c.cells.map((cell) => cell.status), c.missingTopics])).toEqual([
      ['a', ['delivered', 'missing', 'missing'], ['drown']],
      ['b', ['planned', 'missing', 'missing'], ['drown']],
    ]);
  });

  it('still lists the topics when the caller has no class', () => {
    const matrix = coverageMatrix({ from: '2026-06-01', to: '2026-06-30' }, [
      { ...noClass, ...topic('fire', true), status: 'missing' },
      { ...noClass, ...topic('drown', true), status: 'missing' },
    ]);
    expect(matrix.topics.map((t) => t.code)).toEqual(['fire', 'drown']);
    expect(matrix.classes).toEqual([]);
  });
});
