import type { ConsoleRoute } from '../app/routes';

/** The oversight pages (issue 19). */
export const oversightRoutes: ConsoleRoute[] = [];
