import { addDays, instantOfLocal, localDateOf, weekdayOf } from './zoned-time.js';

describe('zoned time', () => {
  it('reads Shanghai wall time at a constant +08:00', () => {
    expect(instantOfLocal({ year: 2026, month: 3, day: 9 }, 9 * 60, 'Asia/Shanghai').toISOString()).toBe('2026-03-09T01:00:00.000Z');
    expect(instantOfLocal({ year: 2026, month: 7, day: 6 }, 17 * 60, 'Asia/Shanghai').toISOString()).toBe('2026-07-06T09:00:00.000Z');
    expect(localDateOf(new Date('2026-03-08T16:00:00Z'), 'Asia/Shanghai')).toEqual({ year: 2026, month: 3, day: 9 });
    expect(localDateOf(new Date('2026-03-08T15:59:59.999Z'), 'Asia/Shanghai')).toEqual({ year: 2026, month: 3, day: 8 });
  });

  it('follows Berlin across daylight saving, keeping the wall time', () => {
    // CET (+01:00) before 2026-03-29, CEST (+02:00) after.
    expect(instantOfLocal({ year: 2026, month: 3, day: 23 }, 9 * 60, 'Europe/Berlin').toISOString()).toBe('2026-03-23T08:00:00.000Z');
    expect(instantOfLocal({ year: 2026, month: 3, day: 30 }, 9 * 60, 'Europe/Berlin').toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('maps a wall time skipped by the spring change past the gap', () => {
    // 02:30 does not exist on 2026-03-29 in Berlin; it reads as 03:30 CEST.
    expect(instantOfLocal({ year: 2026, month: 3, day: 29 }, 150, 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('maps a wall time repeated by the autumn change to its first occurrence', () => {
    // 02:30 happens twice on 2026-10-25 in Berlin: first at CEST (00:30Z), then at CET (01:30Z).
    expect(instantOfLocal({ year: 2026, month: 10, day: 25 }, 150, 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('treats minute 1440 as the next midnight', () => {
    expect(instantOfLocal({ year: 2026, month: 12, day: 31 }, 1440, 'Asia/Shanghai').toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('names ISO weekdays and adds days across month and year ends', () => {
    expect(weekdayOf({ year: 2026, month: 3, day: 9 })).toBe(1);
    expect(weekdayOf({ year: 2026, month: 3, day: 15 })).toBe(7);
    expect(addDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(addDays({ year: 2026, month: 3, day: 1 }, -1)).toEqual({ year: 2026, month: 2, day: 28 });
  });
});
