import type { ConsoleRoute } from '../app/routes';

/** The readiness pages (issue 19). */
export const readinessRoutes: ConsoleRoute[] = [];
