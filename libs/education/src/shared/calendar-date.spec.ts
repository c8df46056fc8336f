import { addDays, isCalendarDate } from './calendar-date.js';

describe('calendar dates', () => {
  it.each(['2026-01-31', '2024-02-29', '2026-12-01'])('accepts the real day %s', (day) => {
    expect(isCalendarDate(day)).toBe(true);
  });

  it.each(['2026-02-29', '2026-13-01', '2026-1-5', '2026-01-05T00:00:00Z', '', 20260105, null])('refuses %p', (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });

  it('moves across months, years and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-07-11', -30)).toBe('2026-06-11');
  });
});
