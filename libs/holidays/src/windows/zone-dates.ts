/** Calendar dates (`YYYY-MM-DD`) and the instants of their midnights in a time zone. */

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** How far the zone's clocks are ahead of UTC at that instant, in milliseconds. */
function offsetAt(at: number, timeZone: string): number {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(new Date(at)).map((p) => [p.type, Number(p.value)]));
  const localAsUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return localAsUtc - (at - (((at % 1000) + 1000) % 1000));
}

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
  return new Date(at.getTime() + offsetAt(at.getTime(), timeZone)).toISOString().slice(0, 10);
}

/**
 * The instant the day starts in the zone. Where a zone skips midnight (a DST jump at 00:00) the
 * day starts at the first instant after the jump.
 */
export function midnightOf(date: string, timeZone: string): Date {
  const wallAsUtc = utcDayOf(date);
  const before = offsetAt(wallAsUtc - DAY_MS, timeZone);
  const after = offsetAt(wallAsUtc + DAY_MS, timeZone);
  const valid = [before, after].filter((offset) => offsetAt(wallAsUtc - offset, timeZone) === offset);
  if (valid.length === 0) return new Date(wallAsUtc - before);
  return new Date(wallAsUtc - Math.max(...valid));
}
