import { instantOfWallTime, zoneOffsetAt } from '#core';

const DAY_MS = 86_400_000;

/** Minutes after midnight of `HH:MM` or `HH:MM:SS`. */
function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/**
 * When a message that respects quiet hours may go out: `at` itself outside them, else the
 * instant they end in the school's zone. A span may wrap midnight (22:00 to 07:00).
 */
export function notBeforeQuietHoursEnd(at: Date, timeZone: string, quiet: { from: string; until: string } | null): Date {
  if (!quiet) return at;
  const localMs = at.getTime() + zoneOffsetAt(at.getTime(), timeZone);
  const midnight = Math.floor(localMs / DAY_MS) * DAY_MS;
  const now = Math.floor((localMs - midnight) / 60_000);
  const from = minutesOf(quiet.from);
  const until = minutesOf(quiet.until);
  const wraps = from > until;
  const inside = wraps ? now >= from || now < until : now >= from && now < until;
  if (!inside) return at;
  // The end falls today when it is still ahead on the wall clock, else tomorrow.
  const endDay = now < until ? midnight : midnight + DAY_MS;
  return instantOfWallTime(endDay + until * 60_000, timeZone);
}
