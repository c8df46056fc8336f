import { instantOfWallTime, zoneOffsetAt } from '#core';

/** The instant a calendar day starts in the zone (checked twice, for days on which the offset changes). */
export function startOfLocalDay(year: number, month: number, day: number, timeZone: string): Date {
  return instantOfWallTime(Date.UTC(year, month - 1, day), timeZone);
}

/**
 * When the current week ends in the school's time zone: the next Monday at 00:00 there (weeks
 * start on Monday, as in China). "Due this week" means due before this instant.
 */
export function endOfWeek(now: Date, timeZone: string): Date {
  const local = new Date(now.getTime() + zoneOffsetAt(now.getTime(), timeZone));
  const mondayBased = (local.getUTCDay() + 6) % 7;
  const nextMonday = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 7 - mondayBased));
  return startOfLocalDay(nextMonday.getUTCFullYear(), nextMonday.getUTCMonth() + 1, nextMonday.getUTCDate(), timeZone);
}
