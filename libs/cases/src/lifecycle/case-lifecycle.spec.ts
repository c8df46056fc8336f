import { CASE_STATES, type CaseState } from '../entities/case.entity.js';
import { allowedTransitions, canTransition, closureNeedsApproval } from './case-lifecycle.js';

describe('case lifecycle', () => {
  const legal: [CaseState, CaseState][] = [
    ['open', 'assessing'],
    ['open', 'referred'],
    ['open', 'closed'],
    ['assessing', 'active'],
    ['assessing', 'monitoring'],
    ['assessing', 'referred'],
    ['assessing', 'closed'],
    ['active', 'monitoring'],
    ['active', 'referred'],
    ['active', 'closed'],
    ['monitoring', 'active'],
    ['monitoring', 'referred'],
    ['monitoring', 'closed'],
    ['referred', 'active'],
    ['referred', 'monitoring'],
    ['referred', 'closed'],
  ];

  it('allows exactly the listed moves and refuses every other pair', () => {
    for (const from of CASE_STATES) {
      for (const to of CASE_STATES) {
        const expected = legal.some(([f, t]) => f === from && t === to);
        expect([from, to, canTransition(from, to)]).toEqual([from, to, expected]);
      }
    }
  });

  it('never moves a state to itself, and leaves closed only by reopening', () => {
    for (const state of CASE_STATES) expect(allowedTransitions(state)).not.toContain(state);
    expect(allowedTransitions('closed')).toEqual([]);
  });

  it('asks for approval to close high and critical cases only', () => {
    expect(['low', 'moderate', 'high', 'critical'].map((r) => closureNeedsApproval(r as never))).toEqual([false, false, true, true]);
  });
});
