import { addDays, instantOfLocal, localDateOf, weekdayOf } from '../time/zoned-time.js';
import { clip, contains, type Interval, merge, subtract } from '../time/intervals.js';

export const SESSION_MODES = ['room', 'phone', 'video'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];

/** Every week on `weekday` (1 Monday ... 7 Sunday) from `startMinute` to `endMinute` of the school's local day. */
export interface WeeklyRule {
  weekday: number;
  startMinute: number;
  endMinute: number;
  mode: SessionMode;
  place: string | null;
}

/** Leave takes time away from the weekly rules; extra hours add to them. */
export interface AvailabilityException {
  kind: 'leave' | 'extra';
  startsAt: Date;
  endsAt: Date;
  mode: SessionMode | null;
  place: string | null;
}

export interface AvailabilityWindow extends Interval {
  mode: SessionMode;
  place: string | null;
}

const sameKind = (a: AvailabilityWindow, b: AvailabilityWindow) => a.mode === b.mode && a.place === b.place;

/**
 * When the counselor can be booked within `range`: the weekly rules laid on the school's local
 * days (so 09:00 stays 09:00 across a daylight-saving change), plus extra hours, minus leave.
 */
export function availabilityWindows(
  rules: readonly WeeklyRule[],
  exceptions: readonly AvailabilityException[],
  range: Interval,
  timeZone: string,
): AvailabilityWindow[] {
  const windows: AvailabilityWindow[] = [];
  // A day either side: a local day can begin before the range starts in UTC and end after it ends.
  const last = addDays(localDateOf(new Date(range.end), timeZone), 1);
  for (let day = addDays(localDateOf(new Date(range.start), timeZone), -1); !isAfter(day, last); day = addDays(day, 1)) {
    const weekday = weekdayOf(day);
    for (const rule of rules) {
      if (rule.weekday !== weekday) continue;
      windows.push({
        start: instantOfLocal(day, rule.startMinute, timeZone).getTime(),
        end: instantOfLocal(day, rule.endMinute, timeZone).getTime(),
        mode: rule.mode,
        place: rule.place,
      });
    }
  }
  for (const extra of exceptions) {
    if (extra.kind !== 'extra' || !extra.mode) continue;
    windows.push({ start: extra.startsAt.getTime(), end: extra.endsAt.getTime(), mode: extra.mode, place: extra.place });
  }
  const leave = exceptions.filter((e) => e.kind === 'leave').map((e) => ({ start: e.startsAt.getTime(), end: e.endsAt.getTime() }));
  return merge(clip(subtract(merge(windows, sameKind), leave), range), sameKind);
}

/** The available time nobody has booked yet. */
export function freeWindows(windows: readonly AvailabilityWindow[], booked: readonly Interval[]): AvailabilityWindow[] {
  return subtract(windows, booked);
}

/** A room session's counselor can also take a call, but a phone or video window has no room. */
export function modeFits(windowMode: SessionMode, sessionMode: SessionMode): boolean {
  return windowMode === 'room' || sessionMode !== 'room';
}

export type SlotFit =
  | { fits: true; mode: SessionMode; place: string | null }
  | { fits: false; reason: 'outside_availability' | 'mode_unavailable' };

/**
 * Whether a session fits wholly inside one availability window, and in which mode and place
 * (the window's, unless the session asks for another mode the window allows).
 */
export function fitSlot(windows: readonly AvailabilityWindow[], slot: Interval, mode?: SessionMode): SlotFit {
  const covering = windows.filter((w) => contains(w, slot));
  if (covering.length === 0) return { fits: false, reason: 'outside_availability' };
  const window = mode ? covering.find((w) => modeFits(w.mode, mode)) : covering[0];
  if (!window) return { fits: false, reason: 'mode_unavailable' };
  const sessionMode = mode ?? window.mode;
  return { fits: true, mode: sessionMode, place: sessionMode === window.mode ? window.place : null };
}

function isAfter(a: { year: number; month: number; day: number }, b: { year: number; month: number; day: number }): boolean {
  return Date.UTC(a.year, a.month - 1, a.day) > Date.UTC(b.year, b.month - 1, b.day);
}
