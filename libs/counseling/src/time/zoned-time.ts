import { instantOfWallTime, zoneOffsetAt } from '#core';

/** A calendar day in some time zone. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** The calendar day an instant falls on in the zone. */
export function localDateOf(at: Date, timeZone: string): LocalDate {
  const shifted = new Date(at.getTime() + zoneOffsetAt(at.getTime(), timeZone));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** ISO weekday of a calendar day: 1 Monday ... 7 Sunday. */
export function weekdayOf(date: LocalDate): number {
  return ((new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7) + 1;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/**
 * The instant a wall-clock time of a day has in the zone (`minuteOfDay` 0-1440; 1440 is the next
 * midnight). Like Temporal's "compatible" choice: a time repeated when clocks go back means its
 * first occurrence, and a time skipped when they go forward means the same span after the jump.
 */
export function instantOfLocal(date: LocalDate, minuteOfDay: number, timeZone: string): Date {
  return instantOfWallTime(Date.UTC(date.year, date.month - 1, date.day) + minuteOfDay * 60_000, timeZone);
}
