/** The browser's local day around `now`, as the instants an API range wants: [from, before). */
export function localDayRange(now: Date): { from: string; before: string } {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return { from: start.toISOString(), before: next.toISOString() };
}
