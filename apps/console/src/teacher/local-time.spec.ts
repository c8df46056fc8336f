import { describe, expect, it } from '@jest/globals';
import { educationPeriod, fromLocalInputValue, localDay, nextHoliday, toLocalInputValue } from './local-time';

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

  it('counts safety education from the end of the last holiday to the eve of the next', () => {
    const summer = { startsOn: '2026-07-10', endsOn: '2026-08-31' };
    const winter = { startsOn: '2027-01-20', endsOn: '2027-02-20' };
    expect(educationPeriod([summer, winter], '2026-12-04')).toEqual({ from: '2026-09-01', to: '2027-01-19' });
    expect(educationPeriod([], '2026-12-04')).toEqual({ from: '2026-06-07', to: '2027-02-02' });
    expect(educationPeriod([{ startsOn: '2025-01-01', endsOn: '2025-02-01' }, winter], '2026-12-04')).toEqual({ from: '2026-06-07', to: '2027-01-19' });
  });
});
