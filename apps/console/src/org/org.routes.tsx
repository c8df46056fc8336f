import type { ConsoleRoute } from '../app/routes';

/** The org pages (issue 19). */
export const orgRoutes: ConsoleRoute[] = [];
