import { isIanaTimeZone } from './is-time-zone.js';

describe('isIanaTimeZone', () => {
  it.each(['Asia/Shanghai', 'Asia/Urumqi', 'Asia/Kolkata', 'UTC', 'Etc/GMT-8', 'America/Argentina/Buenos_Aires'])('accepts %p', (zone) => {
    expect(isIanaTimeZone(zone)).toBe(true);
  });

  it.each(['', 'EST', 'CST', '+08:00', 'GMT+8', 'asia/shanghai', 'Mars/Olympus', 'Asia/', 42, null])('refuses %p', (zone) => {
    expect(isIanaTimeZone(zone)).toBe(false);
  });
});
