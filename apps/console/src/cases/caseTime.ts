/** The value of a `datetime-local` input for a moment, in the browser's time zone (minutes). */
export function toLocalInput(value: Date | string): string {
  const date = new Date(value);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` value (the browser's time zone) as ISO 8601 in UTC, as the API wants it. */
export function fromLocalInput(value: string): string {
  return new Date(value).toISOString();
}

/** An open task past its due time. */
export function isOverdue(task: { status: string; dueAt: string }, now: Date): boolean {
  return task.status === 'open' && new Date(task.dueAt).getTime() < now.getTime();
}

/** Newest first, by when it happened then by id: the API pages the timeline oldest first. */
export function newestFirst<T extends { occurredAt: string; id: string }>(events: readonly T[]): T[] {
  return [...events].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt) || b.id.localeCompare(a.id));
}
