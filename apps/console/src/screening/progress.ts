/** Whole percent answered, or null when nobody was invited (no rate to show, not 0 %). */
export function completionPercent(submitted: number, invited: number): number | null {
  if (invited <= 0) return null;
  return Math.floor((submitted / invited) * 100);
}

/** A `datetime-local` field's value (the browser's local time) as ISO 8601, for the API. */
export function localInputToIso(value: string): string {
  return new Date(value).toISOString();
}

/** A time as a `datetime-local` field shows it: local, to the minute. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A file name the campaign's name can give safely: no path separators or control characters. */
export function csvFileName(campaignName: string): string {
  const safe = campaignName.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '_').trim().slice(0, 80);
  // Nothing but separators is no name at all.
  return `${/[^_\s.]/.test(safe) ? safe : 'campaign'}-invitations.csv`;
}
