import { describe, expect, it } from '@jest/globals';
import { localDayRange } from './local-day';

describe('localDayRange', () => {
  it('runs from local midnight to the next local midnight', () => {
    const now = new Date(2026, 11, 4, 15, 30);
    const { from, before } = localDayRange(now);
    expect(new Date(from)).toEqual(new Date(2026, 11, 4));
    expect(new Date(before)).toEqual(new Date(2026, 11, 5));
  });

  it('crosses a month and a year end', () => {
    const { from, before } = localDayRange(new Date(2026, 11, 31, 23, 59));
    expect(new Date(from)).toEqual(new Date(2026, 11, 31));
    expect(new Date(before)).toEqual(new Date(2027, 0, 1));
  });
});
