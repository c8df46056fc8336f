import fc from 'fast-check';
import { addDays, DEFAULT_WINDOW_LENGTHS, keyWindowsOf, type KeyWindow, midnightOf } from '#holidays';
import { occurrencesAt, type RuleTiming } from './window-occurrences.js';

const SHANGHAI = 'Asia/Shanghai';
const winter = { id: 'winter', startsOn: '2027-01-16', endsOn: '2027-02-20' };
const windows = keyWindowsOf([winter], DEFAULT_WINDOW_LENGTHS, SHANGHAI);
const dayStartIn = (zone: string) => (w: KeyWindow, days: number) => midnightOf(addDays(w.firstDay, days), zone);
const at = (iso: string) => new Date(iso);
const rule = (timing: Partial<RuleTiming>): RuleTiming => ({ windowKind: 'pre_holiday', dueAfterDays: null, repeatEveryDays: null, escalateAfterHours: 24, ...timing });

describe('reminder occurrences', () => {
  it('gives a once-per-window rule one occurrence, due when the window closes', () => {
    const [occurrence, ...rest] = occurrencesAt(windows, rule({}), at('2027-01-05T02:00:00Z'), dayStartIn(SHANGHAI));
    expect(rest).toEqual([]);
    expect(occurrence).toMatchObject({ holidayId: 'winter', windowKind: 'pre_holiday', periodNo: 0 });
    expect(occurrence.periodFrom.toISOString()).toBe('2027-01-01T16:00:00.000Z');
    expect(occurrence.dueAt.toISOString()).toBe('2027-01-15T16:00:00.000Z');
    expect(occurrence.escalateAt.toISOString()).toBe('2027-01-16T16:00:00.000Z');
  });

  it('has nothing before the window opens or once it has closed', () => {
    expect(occurrencesAt(windows, rule({}), at('2027-01-01T15:59:59.999Z'), dayStartIn(SHANGHAI))).toEqual([]);
    expect(occurrencesAt(windows, rule({}), at('2027-01-15T16:00:00.000Z'), dayStartIn(SHANGHAI))).toEqual([]);
  });

  it('counts "due after N days" from the first midnight of the window, capped at its end', () => {
    const within7 = occurrencesAt(windows, rule({ windowKind: 'post_return', dueAfterDays: 7 }), at('2027-02-22T00:00:00Z'), dayStartIn(SHANGHAI));
    expect(within7.map((o) => o.dueAt.toISOString())).toEqual(['2027-02-27T16:00:00.000Z']);
    const beyond = occurrencesAt(windows, rule({ windowKind: 'pre_return', dueAfterDays: 30 }), at('2027-02-15T00:00:00Z'), dayStartIn(SHANGHAI));
    expect(beyond.map((o) => o.dueAt.toISOString())).toEqual(['2027-02-20T16:00:00.000Z']);
  });

  it('makes "due after 0 days" due at the end of the first day, never at the moment it opens', () => {
    const [o] = occurrencesAt(windows, rule({ dueAfterDays: 0 }), at('2027-01-02T00:00:00Z'), dayStartIn(SHANGHAI));
    expect(o.dueAt.toISOString()).toBe('2027-01-02T16:00:00.000Z');
  });

  it('creates every period of a repeating rule begun so far (catching up after downtime), the last one cut at the window end', () => {
    const checkIn = rule({ windowKind: 'holiday', repeatEveryDays: 7 });
    expect(occurrencesAt(windows, checkIn, at('2027-01-16T01:00:00Z'), dayStartIn(SHANGHAI)).map((o) => o.periodNo)).toEqual([0]);
    const late = occurrencesAt(windows, checkIn, at('2027-02-20T15:00:00Z'), dayStartIn(SHANGHAI));
    expect(late.map((o) => o.periodNo)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(late[1].periodFrom.toISOString()).toBe('2027-01-22T16:00:00.000Z');
    expect(late[1].dueAt.toISOString()).toBe('2027-01-29T16:00:00.000Z');
    expect(late[5].dueAt.toISOString()).toBe('2027-02-20T16:00:00.000Z');
  });

  it('keeps periods on local midnights across a DST change', () => {
    const zone = 'Europe/Berlin';
    const spring = keyWindowsOf([{ id: 'easter', startsOn: '2027-03-20', endsOn: '2027-04-10' }], DEFAULT_WINDOW_LENGTHS, zone);
    const periods = occurrencesAt(spring, rule({ windowKind: 'holiday', repeatEveryDays: 7 }), at('2027-04-05T12:00:00Z'), dayStartIn(zone));
    expect(periods.map((o) => o.periodFrom.toISOString())).toEqual(['2027-03-19T23:00:00.000Z', '2027-03-26T23:00:00.000Z', '2027-04-02T22:00:00.000Z']);
  });

  it('property: periods are consecutive, start by now, fall inside the window and are due after they start', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 35 * 24 }), (every, hoursIn) => {
        const holiday = windows.find((w) => w.kind === 'holiday')!;
        const now = new Date(holiday.from.getTime() + hoursIn * 3_600_000);
        const periods = occurrencesAt(windows, rule({ windowKind: 'holiday', repeatEveryDays: every }), now, dayStartIn(SHANGHAI));
        expect(periods.map((o) => o.periodNo)).toEqual(periods.map((_, i) => i));
        for (const [i, o] of periods.entries()) {
          expect(o.periodFrom.getTime()).toBeLessThanOrEqual(now.getTime());
          expect(o.periodFrom.getTime()).toBeLessThan(o.dueAt.getTime());
          expect(o.dueAt.getTime()).toBeLessThanOrEqual(holiday.to.getTime());
          if (i > 0) expect(o.periodFrom.getTime()).toBe(periods[i - 1].dueAt.getTime());
        }
        expect(periods.at(-1)!.dueAt.getTime()).toBeGreaterThan(now.getTime());
      }),
    );
  });
});
