/** A wall-clock reading of an instant in a time zone. */
interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function localTimeOf(at: Date, timeZone: string): LocalTime {
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
  const parts = Object.fromEntries(formatter.formatToParts(at).map((p) => [p.type, Number(p.value)]));
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** How far the zone's clocks are ahead of UTC at that instant, in milliseconds. */
function offsetAt(at: number, timeZone: string): number {
  const local = localTimeOf(new Date(at), timeZone);
  const localAsUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return localAsUtc - (at - (((at % 1000) + 1000) % 1000));
}

/** The instant a calendar day starts in the zone (checked twice, for days on which the offset changes). */
export function startOfLocalDay(year: number, month: number, day: number, timeZone: string): Date {
  const midnightAsUtc = Date.UTC(year, month - 1, day);
  const first = midnightAsUtc - offsetAt(midnightAsUtc, timeZone);
  return new Date(midnightAsUtc - offsetAt(first, timeZone));
}

/**
 * When the current week ends in the school's time zone: the next Monday at 00:00 there (weeks
 * start on Monday, as in China). "Due this week" means due before this instant.
 */
export function endOfWeek(now: Date, timeZone: string): Date {
  const today = localTimeOf(now, timeZone);
  const mondayBased = (new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay() + 6) % 7;
  const nextMonday = new Date(Date.UTC(today.year, today.month - 1, today.day + 7 - mondayBased));
  return startOfLocalDay(nextMonday.getUTCFullYear(), nextMonday.getUTCMonth() + 1, nextMonday.getUTCDate(), timeZone);
}
