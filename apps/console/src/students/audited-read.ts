/**
 * Options for a query whose every answer is an audited read of sensitive data: read once per
 * view of the page (and after a change), not again each time the window regains focus.
 */
export const AUDITED_READ = { refetchOnWindowFocus: false } as const;
