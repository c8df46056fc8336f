import { describe, expect, it } from '@jest/globals';
import { byDay, searchSpan, sessionAtStartOf, sevenDaysFrom, shiftDays, windowsWithin } from './week';

describe('calendar week helpers', () => {
  it('spans seven local days from the start of the day', () => {
    const { from, to } = sevenDaysFrom(new Date(2026, 11, 4, 15, 30));
    expect(from).toEqual(new Date(2026, 11, 4));
    expect(to).toEqual(new Date(2026, 11, 11));
    expect(shiftDays(from, -7)).toEqual(new Date(2026, 10, 27));
  });

  it('groups entries by the local day they start on, in time order', () => {
    const at = (d: number, h: number) => ({ startsAt: new Date(2026, 11, d, h).toISOString() });
    const days = byDay([at(5, 10), at(4, 14), at(4, 9), at(11, 9)], new Date(2026, 11, 4));
    expect(days).toHaveLength(7);
    expect(days[0].entries).toEqual([at(4, 9), at(4, 14)]);
    expect(days[1].entries).toEqual([at(5, 10)]);
    expect(days.flatMap((d) => d.entries)).toHaveLength(3);
  });

  it('places a session at the start of a free window, cut at its end', () => {
    const window = { startsAt: '2026-12-05T01:00:00.000Z', endsAt: '2026-12-05T01:30:00.000Z' };
    expect(sessionAtStartOf(window, 50)).toEqual({ startsAt: new Date('2026-12-05T01:00:00Z'), endsAt: new Date('2026-12-05T01:30:00Z') });
    expect(sessionAtStartOf({ ...window, endsAt: '2026-12-05T04:00:00Z' }, 50).endsAt).toEqual(new Date('2026-12-05T01:50:00Z'));
  });

  it('keeps the free windows that overlap the preferred period', () => {
    const w = (s: string, e: string) => ({ startsAt: s, endsAt: e });
    const windows = [w('2026-12-05T01:00:00Z', '2026-12-05T04:00:00Z'), w('2026-12-09T01:00:00Z', '2026-12-09T04:00:00Z')];
    expect(windowsWithin(windows, '2026-12-05T03:00:00Z', '2026-12-06T00:00:00Z')).toEqual([windows[0]]);
    expect(windowsWithin(windows, null, null)).toEqual(windows);
  });

  it('looks for free time from now within the preferred period, at most 31 days', () => {
    const now = new Date('2026-12-04T00:00:00Z');
    expect(searchSpan(now, '2026-12-01T00:00:00Z', '2026-12-10T00:00:00Z')).toEqual({ from: now, to: new Date('2026-12-10T00:00:00Z') });
    expect(searchSpan(now, null, null).to).toEqual(new Date('2026-12-18T00:00:00Z'));
    expect(searchSpan(now, null, '2027-06-01T00:00:00Z').to).toEqual(new Date('2027-01-04T00:00:00Z'));
  });
});
