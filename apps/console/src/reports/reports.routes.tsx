import type { ConsoleRoute } from '../app/routes';

/** The reports pages (issue 19). */
export const reportsRoutes: ConsoleRoute[] = [];
