/** A calendar day in some time zone. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const DAY_MS = 86_400_000;
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
export function offsetAt(at: number, timeZone: string): number {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(new Date(at)).map((p) => [p.type, Number(p.value)]));
  const localAsUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return localAsUtc - (at - (((at % 1000) + 1000) % 1000));
}

/** The calendar day an instant falls on in the zone. */
export function localDateOf(at: Date, timeZone: string): LocalDate {
  const shifted = new Date(at.getTime() + offsetAt(at.getTime(), timeZone));
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
  const wallAsUtc = Date.UTC(date.year, date.month - 1, date.day) + minuteOfDay * 60_000;
  // At most one offset change is assumed within a day either side, as in every real zone.
  const before = offsetAt(wallAsUtc - DAY_MS, timeZone);
  const after = offsetAt(wallAsUtc + DAY_MS, timeZone);
  const valid = [before, after].filter((offset) => offsetAt(wallAsUtc - offset, timeZone) === offset);
  if (valid.length === 0) return new Date(wallAsUtc - before);
  return new Date(wallAsUtc - Math.max(...valid));
}
