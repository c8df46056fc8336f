import type { EventEmitter } from 'node:events';
import type { DataSourceOptions, MixedList } from 'typeorm';
import { SafeTypeOrmLogger } from './safe-typeorm-logger.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type MigrationList = MixedList<Function>;

/**
 * The role requests, jobs and operator commands run as: granted per table only what the code
 * needs (SELECT and INSERT alone on the audit trail). Migrations run as the owner instead.
 */
export const APPLICATION_ROLE = 'campus_care_app';

export interface DatabaseSettings {
  url: string;
  poolSize?: number;
  migrations?: MigrationList;
  applicationName?: string;
  /**
   * Every connection of the pool runs as this role (`-c role=...` at connect, so `SET ROLE` before
   * the first query and `RESET ROLE` back to it); the URL's user must be a member of it.
   * Unset: the URL's own user, for migrations and other owner work.
   */
  role?: typeof APPLICATION_ROLE;
}

/** The one place TypeORM is configured, shared by the server, the CLI and the tests. */
export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'schema_migrations',
    migrations: settings.migrations ?? [],
    namingStrategy: new SnakeNamingStrategy(),
    logging: ['error', 'warn', 'migration'],
    logger: new SafeTypeOrmLogger(),
    maxQueryExecutionTime: 1_000,
    extra: {
      max: settings.poolSize ?? 10,
      application_name: settings.applicationName ?? 'campus-care',
      connectionTimeoutMillis: 5_000,
      // Times travel as UTC; calendar dates are converted in the school's zone by the code that owns them.
      options: settings.role ? `-c timezone=UTC -c role=${settings.role}` : '-c timezone=UTC',
      // A connection lost between the pool handing it out and TypeORM listening to it (a backend
      // terminated while it connects) emits an 'error' nobody hears, which would end the process.
      // This listener only hears it: the client is no longer queryable, its query fails (503) and
      // the pool drops it on release.
      onConnect: (client: EventEmitter) => {
        client.on('error', () => undefined);
      },
    },
  };
}
