import type { FieldError } from '#core';

/** A little slack for clocks that differ between the counselor's computer and the server. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Results entered by hand were administered inside the campaign's window, and not in the future. */
export function administeredAtProblem(administeredAt: Date, window: { opensAt: Date; closesAt: Date }, now: Date): string | null {
  const at = administeredAt.getTime();
  if (at > now.getTime() + CLOCK_SKEW_MS) return 'must not be in the future';
  if (at < window.opensAt.getTime() || at > window.closesAt.getTime()) return "must lie within the campaign's window";
  return null;
}

export const administeredAtErrors = (field: string, administeredAt: Date, window: { opensAt: Date; closesAt: Date }, now: Date): FieldError[] => {
  const problem = administeredAtProblem(administeredAt, window, now);
  return problem ? [{ field, message: problem }] : [];
};
