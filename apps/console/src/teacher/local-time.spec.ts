import { describe, expect, it } from '@jest/globals';
import { fromLocalInputValue, localDay, nextHoliday, toLocalInputValue } from './local-time';

describe('local times of the teacher forms', () => {
  it('shows a date in the local zone and reads it back as the same instant', () => {
    const date = new Date(2026, 11, 4, 9, 5, 30);
    expect(toLocalInputValue(date)).toBe('2026-12-04T09:05');
    expect(fromLocalInputValue('2026-12-04T09:05')).toBe(new Date(2026, 11, 4, 9, 5).toISOString());
    expect(localDay(date)).toBe('2026-12-04');
  });

  it('reads an empty or malformed value as nothing', () => {
    expect(fromLocalInputValue('')).toBeNull();
    expect(fromLocalInputValue('yesterday')).toBeNull();
  });

  it('picks the holiday under way, else the next to start, never a past one', () => {
    const winter = { name: 'winter', startsOn: '2027-01-20', endsOn: '2027-02-20' };
    const autumn = { name: 'autumn', startsOn: '2026-10-01', endsOn: '2026-10-07' };
    const newYear = { name: 'new year', startsOn: '2026-12-31', endsOn: '2027-01-02' };
    expect(nextHoliday([winter, autumn, newYear], '2026-12-04')).toBe(newYear);
    expect(nextHoliday([winter, autumn, newYear], '2027-01-01')).toBe(newYear);
    expect(nextHoliday([winter, autumn], '2027-01-25')).toBe(winter);
    expect(nextHoliday([autumn], '2026-12-04')).toBeNull();
  });
});
