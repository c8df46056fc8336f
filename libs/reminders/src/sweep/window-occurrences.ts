import type { KeyWindow, KeyWindowKind } from '#holidays';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** When a rule's reminders are due, from its row. */
export interface RuleTiming {
  windowKind: KeyWindowKind;
  dueAfterDays: number | null;
  repeatEveryDays: number | null;
  escalateAfterHours: number;
}

/** One occurrence of a rule: the window of one holiday, and for a repeating rule one period of it. */
export interface Occurrence {
  holidayId: string;
  windowKind: KeyWindowKind;
  periodNo: number;
  windowFrom: Date;
  windowTo: Date;
  periodFrom: Date;
  dueAt: Date;
  escalateAt: Date;
}

/**
 * The occurrences of a rule that have begun by `now` in the windows active at `now`: for a
 * once-per-window rule the window itself; for a repeating rule every period started so far, so a
 * sweep after downtime still creates the check-ins that fell due meanwhile. Periods and due
 * times count whole days from the window's first midnight (`dayStart` gives a day's midnight in
 * the school's zone, so a DST change does not shift them), and never run past the window's end.
 */
export function occurrencesAt(
  activeWindows: readonly KeyWindow[],
  rule: RuleTiming,
  now: Date,
  dayStart: (window: KeyWindow, days: number) => Date,
): Occurrence[] {
  return activeWindows
    .filter((w) => w.kind === rule.windowKind && w.from.getTime() <= now.getTime() && now.getTime() < w.to.getTime())
    .flatMap((w) => occurrencesOf(w, rule, now, dayStart));
}

/**
 * Every occurrence of a rule in a window that is not active (over, or not begun): what its
 * reminders, made before the holiday moved, must follow.
 */
export function allOccurrencesOf(window: KeyWindow, rule: RuleTiming, dayStart: (window: KeyWindow, days: number) => Date): Occurrence[] {
  return window.kind === rule.windowKind ? occurrencesOf(window, rule, window.to, dayStart) : [];
}

/** The occurrences of the rule in the window begun by `until`. */
function occurrencesOf(w: KeyWindow, rule: RuleTiming, until: Date, dayStart: (window: KeyWindow, days: number) => Date): Occurrence[] {
  const capped = (at: Date) => (at.getTime() < w.to.getTime() ? at : w.to);
  const occurrence = (periodNo: number, periodFrom: Date, dueAt: Date): Occurrence => ({
    holidayId: w.holidayId,
    windowKind: w.kind,
    periodNo,
    windowFrom: w.from,
    windowTo: w.to,
    periodFrom,
    dueAt,
    escalateAt: new Date(dueAt.getTime() + rule.escalateAfterHours * HOUR_MS),
  });
  if (rule.repeatEveryDays === null) {
    // Due "0 days after the window opens" would be due before anyone could act: a day at least.
    const dueAt = rule.dueAfterDays === null ? w.to : capped(dayStart(w, Math.max(1, rule.dueAfterDays)));
    return [occurrence(0, w.from, dueAt)];
  }
  const every = rule.repeatEveryDays;
  // One more than the elapsed time suggests: a DST change can move a period start by an hour.
  const started = Math.floor((until.getTime() - w.from.getTime()) / (every * DAY_MS)) + 2;
  return Array.from({ length: started }, (_, k) => occurrence(k, dayStart(w, k * every), capped(dayStart(w, (k + 1) * every))))
    .filter((o) => o.periodFrom.getTime() <= until.getTime() && o.periodFrom.getTime() < w.to.getTime());
}
