import { referenceErrors, targetErrors, windowErrors } from './campaign-rules.js';

const at = (iso: string) => new Date(iso);

describe('campaign rules', () => {
  it('needs a window that ends after it opens and in the future', () => {
    const now = at('2026-09-01T00:00:00Z');
    expect(windowErrors(at('2026-09-02T00:00:00Z'), at('2026-09-09T00:00:00Z'), now)).toEqual([]);
    expect(windowErrors(at('2026-09-02T00:00:00Z'), at('2026-09-02T00:00:00Z'), now)).toEqual([{ field: 'closesAt', message: 'must be after opensAt' }]);
    expect(windowErrors(at('2026-08-01T00:00:00Z'), at('2026-08-31T00:00:00Z'), now)).toEqual([{ field: 'closesAt', message: 'must be in the future' }]);
  });

  it('needs at least one grade or class', () => {
    expect(targetErrors([], [])).toHaveLength(1);
    expect(targetErrors(['g'], [])).toEqual([]);
  });

  it('names what is not the school\'s, inactive, or asked twice', () => {
    const requested = { gradeIds: ['g1', 'g2'], classIds: ['c1'], counselorIds: ['u1'], instrumentIds: ['i1', 'i2', 'i3'] };
    const found = {
      gradeIds: ['g1'],
      classIds: ['c1'],
      counselorIds: [],
      instruments: [
        { id: 'i1', code: 'phq9', active: true },
        { id: 'i2', code: 'phq9', active: true },
        { id: 'i3', code: 'gad7', active: false },
      ],
    };
    expect(referenceErrors(requested, found)).toEqual([
      { field: 'gradeIds', message: 'names g2, which is not a grade of your school' },
      { field: 'counselorIds', message: 'names u1, which is not an active counselor of your school' },
      { field: 'instrumentIds', message: 'names i3, which is not an active instrument' },
      { field: 'instrumentIds', message: 'names two versions of phq9: answers are keyed by instrument code' },
    ]);
  });
});
