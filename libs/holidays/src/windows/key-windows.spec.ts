import fc from 'fast-check';
import { activeAt, DEFAULT_WINDOW_LENGTHS, keyWindowsOf, type KeyWindow } from './key-windows.js';
import { addDays, midnightOf } from './zone-dates.js';

const SHANGHAI = 'Asia/Shanghai';
const kinds = (windows: KeyWindow[]) => windows.map((w) => w.kind);
const spanOf = (w: KeyWindow | undefined) => w && [w.firstDay, w.lastDay, w.from.toISOString(), w.to.toISOString()];

describe('key windows', () => {
  const winter = { id: 'winter', startsOn: '2027-01-16', endsOn: '2027-02-20' };

  it('places the four windows of a holiday at the zone midnights', () => {
    const windows = keyWindowsOf([winter], DEFAULT_WINDOW_LENGTHS, SHANGHAI);
    expect(windows.map(spanOf)).toEqual([
      ['2027-01-02', '2027-01-15', '2027-01-01T16:00:00.000Z', '2027-01-15T16:00:00.000Z'],
      ['2027-01-16', '2027-02-20', '2027-01-15T16:00:00.000Z', '2027-02-20T16:00:00.000Z'],
      ['2027-02-14', '2027-02-20', '2027-02-13T16:00:00.000Z', '2027-02-20T16:00:00.000Z'],
      ['2027-02-21', '2027-03-20', '2027-02-20T16:00:00.000Z', '2027-03-20T16:00:00.000Z'],
    ]);
    expect(kinds(windows)).toEqual(['pre_holiday', 'holiday', 'pre_return', 'post_return']);
  });

  it('counts back across the month start for a holiday starting on the 1st', () => {
    const [pre] = keyWindowsOf([{ id: 'h', startsOn: '2026-07-01', endsOn: '2026-08-31' }], DEFAULT_WINDOW_LENGTHS, SHANGHAI);
    expect([pre.firstDay, pre.lastDay]).toEqual(['2026-06-17', '2026-06-30']);
  });

  it('crosses the new year in both directions', () => {
    const windows = keyWindowsOf([{ id: 'h', startsOn: '2027-01-05', endsOn: '2027-01-10' }], { preHolidayDays: 7, preReturnDays: 3, postReturnDays: 2 }, SHANGHAI);
    expect(windows.map((w) => [w.kind, w.firstDay, w.lastDay])).toEqual([
      ['pre_holiday', '2026-12-29', '2027-01-04'],
      ['holiday', '2027-01-05', '2027-01-10'],
      ['pre_return', '2027-01-08', '2027-01-10'],
      ['post_return', '2027-01-11', '2027-01-12'],
    ]);
    const lateDecember = keyWindowsOf([{ id: 'h', startsOn: '2026-12-20', endsOn: '2026-12-30' }], DEFAULT_WINDOW_LENGTHS, SHANGHAI);
    expect(lateDecember.at(-1)).toMatchObject({ kind: 'post_return', firstDay: '2026-12-31', lastDay: '2027-01-27' });
  });

  it('keeps both holidays active where their windows overlap', () => {
    const first = { id: 'first', startsOn: '2026-10-01', endsOn: '2026-10-07' };
    const second = { id: 'second', startsOn: '2026-10-20', endsOn: '2026-10-22' };
    const windows = keyWindowsOf([first, second], DEFAULT_WINDOW_LENGTHS, SHANGHAI);
    const active = activeAt(windows, new Date('2026-10-10T04:00:00Z'));
    expect(active.map((w) => [w.holidayId, w.kind])).toEqual([
      ['first', 'post_return'],
      ['second', 'pre_holiday'],
    ]);
  });

  it('leaves out a window of zero days and shortens pre_return to the holiday', () => {
    const windows = keyWindowsOf([{ id: 'h', startsOn: '2026-05-01', endsOn: '2026-05-03' }], { preHolidayDays: 0, preReturnDays: 7, postReturnDays: 0 }, SHANGHAI);
    expect(windows.map((w) => [w.kind, w.firstDay, w.lastDay])).toEqual([
      ['holiday', '2026-05-01', '2026-05-03'],
      ['pre_return', '2026-05-01', '2026-05-03'],
    ]);
  });

  it('starts a day at the midnight of the school zone, not of UTC', () => {
    const holiday = [{ id: 'h', startsOn: '2026-07-01', endsOn: '2026-07-31' }];
    const inShanghai = keyWindowsOf(holiday, DEFAULT_WINDOW_LENGTHS, SHANGHAI);
    const inUtc = keyWindowsOf(holiday, DEFAULT_WINDOW_LENGTHS, 'UTC');
    // 2026-06-30T16:30Z is 00:30 on 1 July in Shanghai but still 30 June in UTC.
    const at = new Date('2026-06-30T16:30:00Z');
    expect(kinds(activeAt(inShanghai, at))).toEqual(['holiday']);
    expect(kinds(activeAt(inUtc, at))).toEqual(['pre_holiday']);
    expect(kinds(activeAt(inShanghai, new Date('2026-06-30T15:59:59.999Z')))).toEqual(['pre_holiday']);
  });

  describe('properties', () => {
    const dateArb = fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2025-01-01', n));
    const holidayArb = fc.record({ startsOn: dateArb, days: fc.integer({ min: 1, max: 90 }) }).map(({ startsOn, days }) => ({ id: 'h', startsOn, endsOn: addDays(startsOn, days - 1) }));
    const lengthsArb = fc.record({ preHolidayDays: fc.integer({ min: 0, max: 90 }), preReturnDays: fc.integer({ min: 0, max: 90 }), postReturnDays: fc.integer({ min: 0, max: 90 }) });
    const zoneArb = fc.constantFrom(SHANGHAI, 'UTC', 'America/New_York', 'Pacific/Auckland');

    it('never yields an empty or inverted window', () => {
      fc.assert(
        fc.property(holidayArb, lengthsArb, zoneArb, (holiday, lengths, zone) =>
          keyWindowsOf([holiday], lengths, zone).every((w) => w.from.getTime() < w.to.getTime() && w.firstDay <= w.lastDay),
        ),
      );
    });

    it('makes the holiday window exactly the holiday days', () => {
      fc.assert(
        fc.property(holidayArb, lengthsArb, zoneArb, (holiday, lengths, zone) => {
          const window = keyWindowsOf([holiday], lengths, zone).find((w) => w.kind === 'holiday')!;
          return (
            window.firstDay === holiday.startsOn &&
            window.lastDay === holiday.endsOn &&
            window.from.getTime() === midnightOf(holiday.startsOn, zone).getTime() &&
            window.to.getTime() === midnightOf(addDays(holiday.endsOn, 1), zone).getTime()
          );
        }),
      );
    });
  });
});
