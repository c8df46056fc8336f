import { availabilityWindows, fitSlot, freeWindows, type WeeklyRule } from './availability.js';

const at = (iso: string) => new Date(iso).getTime();
const range = (from: string, to: string) => ({ start: at(from), end: at(to) });
const iso = (windows: { start: number; end: number; mode?: string; place?: string | null }[]) =>
  windows.map((w) => [new Date(w.start).toISOString(), new Date(w.end).toISOString(), w.mode, w.place]);

const WEEKDAY_MORNINGS_AND_AFTERNOONS: WeeklyRule[] = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, startMinute: 9 * 60, endMinute: 12 * 60, mode: 'room' as const, place: '心理咨询室 201' },
  { weekday, startMinute: 14 * 60, endMinute: 17 * 60, mode: 'room' as const, place: '心理咨询室 201' },
]);

describe('availability windows', () => {
  it('lays weekly rules on Shanghai days (UTC+8, no daylight saving)', () => {
    // Monday 2026-03-09 in Shanghai, asked for in UTC.
    const windows = availabilityWindows(WEEKDAY_MORNINGS_AND_AFTERNOONS, [], range('2026-03-08T16:00:00Z', '2026-03-09T16:00:00Z'), 'Asia/Shanghai');
    expect(iso(windows)).toEqual([
      ['2026-03-09T01:00:00.000Z', '2026-03-09T04:00:00.000Z', 'room', '心理咨询室 201'],
      ['2026-03-09T06:00:00.000Z', '2026-03-09T09:00:00.000Z', 'room', '心理咨询室 201'],
    ]);
  });

  it('keeps 09:00 local on both sides of the Berlin spring change', () => {
    const mondays = [{ weekday: 1, startMinute: 9 * 60, endMinute: 12 * 60, mode: 'video' as const, place: null }];
    const windows = availabilityWindows(mondays, [], range('2026-03-22T00:00:00Z', '2026-04-06T00:00:00Z'), 'Europe/Berlin');
    expect(iso(windows)).toEqual([
      ['2026-03-23T08:00:00.000Z', '2026-03-23T11:00:00.000Z', 'video', null],
      ['2026-03-30T07:00:00.000Z', '2026-03-30T10:00:00.000Z', 'video', null],
    ]);
  });

  it('gives a rule spanning the change its real length: an hour shorter in spring, longer in autumn', () => {
    const sundayNight = [{ weekday: 7, startMinute: 60, endMinute: 4 * 60, mode: 'phone' as const, place: null }];
    const spring = availabilityWindows(sundayNight, [], range('2026-03-28T12:00:00Z', '2026-03-29T12:00:00Z'), 'Europe/Berlin');
    expect(iso(spring)).toEqual([['2026-03-29T00:00:00.000Z', '2026-03-29T02:00:00.000Z', 'phone', null]]);
    const autumn = availabilityWindows(sundayNight, [], range('2026-10-24T12:00:00Z', '2026-10-25T12:00:00Z'), 'Europe/Berlin');
    expect(iso(autumn)).toEqual([['2026-10-24T23:00:00.000Z', '2026-10-25T03:00:00.000Z', 'phone', null]]);
  });

  it('takes leave away and adds extra hours, clipped to the range', () => {
    const windows = availabilityWindows(
      WEEKDAY_MORNINGS_AND_AFTERNOONS,
      [
        { kind: 'leave', startsAt: new Date('2026-03-09T02:00:00Z'), endsAt: new Date('2026-03-09T07:00:00Z'), mode: null, place: null },
        { kind: 'extra', startsAt: new Date('2026-03-09T11:00:00Z'), endsAt: new Date('2026-03-09T12:00:00Z'), mode: 'video', place: null },
      ],
      range('2026-03-09T00:00:00Z', '2026-03-09T11:30:00Z'),
      'Asia/Shanghai',
    );
    expect(iso(windows)).toEqual([
      ['2026-03-09T01:00:00.000Z', '2026-03-09T02:00:00.000Z', 'room', '心理咨询室 201'],
      ['2026-03-09T07:00:00.000Z', '2026-03-09T09:00:00.000Z', 'room', '心理咨询室 201'],
      ['2026-03-09T11:00:00.000Z', '2026-03-09T11:30:00.000Z', 'video', null],
    ]);
  });

  it('joins touching rules of the same room, so a session can span them', () => {
    const rules: WeeklyRule[] = [
      { weekday: 1, startMinute: 9 * 60, endMinute: 10 * 60, mode: 'room', place: 'A' },
      { weekday: 1, startMinute: 10 * 60, endMinute: 11 * 60, mode: 'room', place: 'A' },
    ];
    const windows = availabilityWindows(rules, [], range('2026-03-09T00:00:00Z', '2026-03-10T00:00:00Z'), 'Asia/Shanghai');
    expect(fitSlot(windows, range('2026-03-09T01:30:00Z', '2026-03-09T02:30:00Z'))).toEqual({ fits: true, mode: 'room', place: 'A' });
  });

  it('leaves free what is not booked; touching bookings leave nothing between them', () => {
    const windows = availabilityWindows(WEEKDAY_MORNINGS_AND_AFTERNOONS, [], range('2026-03-09T00:00:00Z', '2026-03-09T05:00:00Z'), 'Asia/Shanghai');
    const free = freeWindows(windows, [range('2026-03-09T01:00:00Z', '2026-03-09T02:00:00Z'), range('2026-03-09T02:00:00Z', '2026-03-09T03:00:00Z')]);
    expect(iso(free)).toEqual([['2026-03-09T03:00:00.000Z', '2026-03-09T04:00:00.000Z', 'room', '心理咨询室 201']]);
  });
});

describe('fitting a session into availability', () => {
  const windows = [
    { ...range('2026-03-09T01:00:00Z', '2026-03-09T04:00:00Z'), mode: 'room' as const, place: '201' },
    { ...range('2026-03-09T06:00:00Z', '2026-03-09T09:00:00Z'), mode: 'phone' as const, place: null },
  ];

  it('fits inside a window, edges included, in its mode and place', () => {
    expect(fitSlot(windows, range('2026-03-09T01:00:00Z', '2026-03-09T04:00:00Z'))).toEqual({ fits: true, mode: 'room', place: '201' });
    expect(fitSlot(windows, range('2026-03-09T02:00:00Z', '2026-03-09T03:00:00Z'), 'video')).toEqual({ fits: true, mode: 'video', place: null });
  });

  it('refuses a session hanging over the edge, or between windows', () => {
    expect(fitSlot(windows, range('2026-03-09T03:30:00Z', '2026-03-09T04:30:00Z'))).toEqual({ fits: false, reason: 'outside_availability' });
    expect(fitSlot(windows, range('2026-03-09T04:00:00Z', '2026-03-09T05:00:00Z'))).toEqual({ fits: false, reason: 'outside_availability' });
  });

  it('refuses a room session in a phone window', () => {
    expect(fitSlot(windows, range('2026-03-09T06:00:00Z', '2026-03-09T07:00:00Z'), 'room')).toEqual({ fits: false, reason: 'mode_unavailable' });
  });
});
