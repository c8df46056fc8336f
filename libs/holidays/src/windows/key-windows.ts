import type { IsoDate, Uuid } from '#core';
import { addDays, daysBetween, midnightOf } from './zone-dates.js';

export const KEY_WINDOW_KINDS = ['pre_holiday', 'holiday', 'pre_return', 'post_return'] as const;
export type KeyWindowKind = (typeof KEY_WINDOW_KINDS)[number];

/** The holiday dates the windows are computed from: inclusive `YYYY-MM-DD` in the school's zone. */
export interface HolidayDates {
  id: string;
  startsOn: string;
  endsOn: string;
}

/** Window lengths in days (0 means the school keeps no such window). */
export interface WindowLengths {
  preHolidayDays: number;
  preReturnDays: number;
  postReturnDays: number;
}

export const DEFAULT_WINDOW_LENGTHS: WindowLengths = { preHolidayDays: 14, preReturnDays: 7, postReturnDays: 28 };

/** A key window: the half-open span `[from, to)` between two of the zone's midnights. */
export interface KeyWindow {
  kind: KeyWindowKind;
  holidayId: Uuid;
  /** Inclusive calendar dates of the window, in the school's zone. */
  firstDay: IsoDate;
  lastDay: IsoDate;
  /** The zone's midnight starting firstDay. */
  from: Date;
  /** The zone's midnight after lastDay (excluded). */
  to: Date;
}

/**
 * The key windows of each holiday, in the order of the holidays and of KEY_WINDOW_KINDS.
 * `pre_return` is the last N days of the holiday (school restarts the day after its last day), so
 * it never reaches back before the holiday starts; a window of zero days is left out.
 */
export function keyWindowsOf(holidays: readonly HolidayDates[], lengths: WindowLengths, timeZone: string): KeyWindow[] {
  return holidays.flatMap((holiday) => {
    const restartDay = addDays(holiday.endsOn, 1);
    const holidayDays = daysBetween(holiday.startsOn, restartDay);
    const spans: [KeyWindowKind, string, number][] = [
      ['pre_holiday', addDays(holiday.startsOn, -lengths.preHolidayDays), lengths.preHolidayDays],
      ['holiday', holiday.startsOn, holidayDays],
      ['pre_return', addDays(restartDay, -Math.min(lengths.preReturnDays, holidayDays)), Math.min(lengths.preReturnDays, holidayDays)],
      ['post_return', restartDay, lengths.postReturnDays],
    ];
    return spans
      .filter(([, , days]) => days > 0)
      .map(([kind, firstDay, days]) => {
        const dayAfter = addDays(firstDay, days);
        return {
          kind,
          holidayId: holiday.id,
          firstDay,
          lastDay: addDays(dayAfter, -1),
          from: midnightOf(firstDay, timeZone),
          to: midnightOf(dayAfter, timeZone),
        };
      });
  });
}

/** The windows that contain the instant (two holidays' windows may both be active). */
export function activeAt(windows: readonly KeyWindow[], at: Date): KeyWindow[] {
  const t = at.getTime();
  return windows.filter((w) => w.from.getTime() <= t && t < w.to.getTime());
}

/** The windows that share any instant with `[from, to)`. */
export function overlappingRange(windows: readonly KeyWindow[], from: Date, to: Date): KeyWindow[] {
  return windows.filter((w) => w.from.getTime() < to.getTime() && from.getTime() < w.to.getTime());
}
