import { describe, expect, it } from '@jest/globals';
import { changesBetween } from './changes';

describe('changesBetween', () => {
  const fields = [
    { label: 'Risk', show: (c: { risk: string; state: string; team: string[] }) => c.risk },
    { label: 'State', show: (c: { risk: string; state: string; team: string[] }) => c.state },
    { label: 'Team', show: (c: { risk: string; state: string; team: string[] }) => [...c.team].sort().join(', ') },
  ];

  it('lists only the fields whose shown value changed, in the order given', () => {
    const before = { risk: 'moderate', state: 'open', team: ['a'] };
    const after = { risk: 'high', state: 'open', team: ['b', 'a'] };
    expect(changesBetween(before, after, fields)).toEqual([
      { field: 'Risk', from: 'moderate', to: 'high' },
      { field: 'Team', from: 'a', to: 'a, b' },
    ]);
  });

  it('is empty when nothing shown changed', () => {
    const record = { risk: 'low', state: 'active', team: ['a', 'b'] };
    expect(changesBetween(record, { ...record, team: ['b', 'a'] }, fields)).toEqual([]);
  });
});
