import { endOfWeek, startOfLocalDay } from './week-boundary.js';

describe('endOfWeek', () => {
  const shanghai = 'Asia/Shanghai';

  it.each([
    // Monday 2026-03-09 00:00 in Shanghai is 2026-03-08T16:00Z: the week that starts then ends a week later.
    ['2026-03-08T16:00:00.000Z', '2026-03-15T16:00:00.000Z'],
    // Wednesday afternoon.
    ['2026-03-11T07:30:00.000Z', '2026-03-15T16:00:00.000Z'],
    // Sunday 23:59:59.999 in Shanghai, the last instant of the week.
    ['2026-03-15T15:59:59.999Z', '2026-03-15T16:00:00.000Z'],
    // Monday 00:00 in Shanghai: already the next week, although it is still Sunday in UTC.
    ['2026-03-15T16:00:00.000Z', '2026-03-22T16:00:00.000Z'],
    // Across a month and a year end.
    ['2026-12-30T04:00:00.000Z', '2027-01-03T16:00:00.000Z'],
  ])('in Shanghai, at %s the week ends at %s', (now, end) => {
    expect(endOfWeek(new Date(now), shanghai).toISOString()).toBe(end);
  });

  it('uses the school zone, not UTC, to decide which day it is', () => {
    // Sunday 20:00 UTC is Monday 04:00 in Shanghai but still Sunday in London.
    const now = new Date('2026-03-15T20:00:00.000Z');
    expect(endOfWeek(now, shanghai).toISOString()).toBe('2026-03-22T16:00:00.000Z');
    expect(endOfWeek(now, 'Europe/London').toISOString()).toBe('2026-03-16T00:00:00.000Z');
  });

  it('finds local midnight on both sides of a daylight-saving change', () => {
    // Berlin moves to summer time on Sunday 2026-03-29: Monday 03-30 starts at 22:00Z the day before.
    expect(endOfWeek(new Date('2026-03-25T12:00:00Z'), 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(endOfWeek(new Date('2026-03-18T12:00:00Z'), 'Europe/Berlin').toISOString()).toBe('2026-03-22T23:00:00.000Z');
    expect(startOfLocalDay(2026, 10, 26, 'Europe/Berlin').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });
});
