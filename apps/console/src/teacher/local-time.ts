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
