import { effectiveLevel, RISK_LEVELS, riskRank } from './risk-level.js';

describe('risk levels', () => {
  it('rank in order of concern', () => {
    expect(RISK_LEVELS.map(riskRank)).toEqual([0, 1, 2, 3, 4]);
  });

  it('let an unexpired assessment override the signals, in either direction', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    const tomorrow = new Date('2026-12-02T00:00:00Z');
    expect(effectiveLevel('high', { level: 'low', expiresAt: tomorrow }, now)).toBe('low');
    expect(effectiveLevel('none', { level: 'critical', expiresAt: tomorrow }, now)).toBe('critical');
    expect(effectiveLevel('high', { level: 'low', expiresAt: now }, now)).toBe('high');
    expect(effectiveLevel('moderate', null, now)).toBe('moderate');
  });
});
