/**
 * Time-zone arithmetic with the platform's own zone data (Intl), for schools' calendar days:
 * how far a zone is ahead of UTC at an instant, and which instant a wall-clock time means.
 */
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

/** How far the zone's clocks are ahead of UTC at that instant (epoch ms), in milliseconds. */
export function zoneOffsetAt(at: number, timeZone: string): number {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(new Date(at)).map((p) => [p.type, Number(p.value)]));
  const localAsUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return localAsUtc - (at - (((at % 1000) + 1000) % 1000));
}

/**
 * The instant a wall-clock reading has in the zone, given the reading as if it were UTC. Like
 * Temporal's "compatible" choice: a time repeated when clocks go back means its first
 * occurrence; a time skipped when they go forward means the same span after the jump. At most
 * one offset change within a day either side is assumed, as in every real zone.
 */
export function instantOfWallTime(wallAsUtc: number, timeZone: string): Date {
  const before = zoneOffsetAt(wallAsUtc - DAY_MS, timeZone);
  const after = zoneOffsetAt(wallAsUtc + DAY_MS, timeZone);
  const valid = [before, after].filter((offset) => zoneOffsetAt(wallAsUtc - offset, timeZone) === offset);
  if (valid.length === 0) return new Date(wallAsUtc - before);
  return new Date(wallAsUtc - Math.max(...valid));
}
