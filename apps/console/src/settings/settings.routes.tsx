import type { ConsoleRoute } from '../app/routes';

/** The settings pages (issue 19). */
export const settingsRoutes: ConsoleRoute[] = [];
