/** `YYYY-MM-DDTHH:mm` in the browser's time zone: the value a datetime-local input shows and takes. */
export function toLocalInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value as an ISO 8601 instant (UTC), or null when it is empty or invalid. */
export function fromLocalInputValue(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** `YYYY-MM-DD` of the day in the browser's time zone. */
export function localDay(date: Date): string {
  return toLocalInputValue(date).slice(0, 10);
}

/**
 * The holiday to register categories for: the one under way, else the next to start; none when
 * every holiday is past. Calendar dates compare as strings (`YYYY-MM-DD`).
 */
export function nextHoliday<H extends { startsOn: string; endsOn: string }>(holidays: readonly H[], today: string): H | null {
  const coming = holidays.filter((h) => h.endsOn >= today).sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  return coming[0] ?? null;
}

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The period whose safety education counts before the coming holiday: from the day after the
 * last holiday ended (at most 180 days back) to the day before the next one starts (else 60 days on).
 */
export function educationPeriod(holidays: readonly { startsOn: string; endsOn: string }[], today: string): { from: string; to: string } {
  const past = holidays.filter((h) => h.endsOn < today).map((h) => h.endsOn).sort();
  const lastEnd = past[past.length - 1];
  const earliest = addDays(today, -180);
  const from = lastEnd && addDays(lastEnd, 1) > earliest ? addDays(lastEnd, 1) : earliest;
  const next = holidays.filter((h) => h.startsOn > today).map((h) => h.startsOn).sort()[0];
  return { from, to: next ? addDays(next, -1) : addDays(today, 60) };
}
