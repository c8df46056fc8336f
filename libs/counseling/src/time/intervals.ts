/** A half-open span of time `[start, end)` in epoch milliseconds: touching spans do not overlap. */
export interface Interval {
  start: number;
  end: number;
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

export function contains(outer: Interval, inner: Interval): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** The parts of each span (keeping its other fields) that none of the cuts cover. */
export function subtract<T extends Interval>(spans: readonly T[], cuts: readonly Interval[]): T[] {
  const sortedCuts = [...cuts].filter((c) => c.end > c.start).sort((a, b) => a.start - b.start);
  return spans.flatMap((span) => {
    const pieces: T[] = [];
    let cursor = span.start;
    for (const cut of sortedCuts) {
      if (cut.end <= cursor || cut.start >= span.end) continue;
      if (cut.start > cursor) pieces.push({ ...span, start: cursor, end: cut.start });
      cursor = Math.max(cursor, cut.end);
      if (cursor >= span.end) break;
    }
    if (cursor < span.end) pieces.push({ ...span, start: cursor, end: span.end });
    return pieces;
  });
}

/** Each span cut to the range; empty ones dropped. */
export function clip<T extends Interval>(spans: readonly T[], range: Interval): T[] {
  return spans
    .map((span) => ({ ...span, start: Math.max(span.start, range.start), end: Math.min(span.end, range.end) }))
    .filter((span) => span.end > span.start);
}

/**
 * Sorted, with overlapping or touching spans that `alike` says are the same kind joined into one,
 * so 09:00-10:00 and 10:00-12:00 in the same room read as 09:00-12:00.
 */
export function merge<T extends Interval>(spans: readonly T[], alike: (a: T, b: T) => boolean): T[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: T[] = [];
  for (const span of sorted) {
    const joinable = merged.findLast((m) => m.end >= span.start && alike(m, span));
    if (joinable) joinable.end = Math.max(joinable.end, span.end);
    else merged.push({ ...span });
  }
  return merged.sort((a, b) => a.start - b.start || a.end - b.end);
}
