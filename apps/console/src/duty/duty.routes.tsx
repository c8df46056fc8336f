import type { ConsoleRoute } from '../app/routes';

/** The duty pages (issue 19). */
export const dutyRoutes: ConsoleRoute[] = [];
