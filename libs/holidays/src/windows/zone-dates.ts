/** Calendar dates (`YYYY-MM-DD`) and the instants of their midnights in a time zone. */
import { instantOfWallTime, zoneOffsetAt } from '#core';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function utcDayOf(date: string): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new Error(`not a calendar date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

export function addDays(date: string, days: number): string {
  return new Date(utcDayOf(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcDayOf(to) - utcDayOf(from)) / DAY_MS);
}

/** The calendar day an instant falls on in the zone. */
export function localDateOf(at: Date, timeZone: string): string {
  return new Date(at.getTime() + zoneOffsetAt(at.getTime(), timeZone)).toISOString().slice(0, 10);
}

/**
 * The instant the day starts in the zone. Where a zone skips midnight (a DST jump at 00:00) the
 * day starts at the first instant after the jump.
 */
export function midnightOf(date: string, timeZone: string): Date {
  return instantOfWallTime(utcDayOf(date), timeZone);
}
