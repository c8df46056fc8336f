const DAY = 24 * 60 * 60_000;

/** Seven days from the start of `day` (local time): the span the calendar shows. */
export function sevenDaysFrom(day: Date): { from: Date; to: Date } {
  const from = new Date(day.getFullYear(), day.getMonth(), day.getDate());
  return { from, to: new Date(from.getFullYear(), from.getMonth(), from.getDate() + 7) };
}

/** The same span moved by whole weeks. */
export function shiftDays(day: Date, days: number): Date {
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() + days);
}

/** Each local day of [from, from + days), with the entries that start on it, in time order. */
export function byDay<T extends { startsAt: string }>(entries: T[], from: Date, days = 7): { day: Date; entries: T[] }[] {
  return Array.from({ length: days }, (_, i) => {
    const day = shiftDays(from, i);
    const next = shiftDays(from, i + 1);
    return {
      day,
      entries: entries.filter((e) => new Date(e.startsAt) >= day && new Date(e.startsAt) < next).sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
    };
  });
}

/** A session of `minutes` at the start of a free window, never past its end. */
export function sessionAtStartOf(window: { startsAt: string; endsAt: string }, minutes: number): { startsAt: Date; endsAt: Date } {
  const startsAt = new Date(window.startsAt);
  const endsAt = new Date(Math.min(startsAt.getTime() + minutes * 60_000, new Date(window.endsAt).getTime()));
  return { startsAt, endsAt };
}

/** Free windows that overlap the time the request would suit (all of them when it names none). */
export function windowsWithin<T extends { startsAt: string; endsAt: string }>(windows: T[], from: string | null, to: string | null): T[] {
  return windows.filter((w) => (!to || new Date(w.startsAt) < new Date(to)) && (!from || new Date(w.endsAt) > new Date(from)));
}

/** The span to look for free time for a request: its preferred period, else the next two weeks. */
export function searchSpan(now: Date, from: string | null, to: string | null): { from: Date; to: Date } {
  const start = from && new Date(from) > now ? new Date(from) : now;
  const end = to ? new Date(to) : new Date(start.getTime() + 14 * DAY);
  // The API answers at most 31 days at once.
  return { from: start, to: new Date(Math.max(start.getTime() + 60_000, Math.min(end.getTime(), start.getTime() + 31 * DAY))) };
}
