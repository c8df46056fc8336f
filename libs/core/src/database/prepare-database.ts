import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, type MigrationList } from './data-source-options.js';
import { runMigrations } from './migrate.js';

export class DatabaseUnreachableError extends Error {}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparsable URL)';
  }
}

/** Fails fast, with one sentence, when the server cannot be reached. */
export async function assertDatabaseReachable(url: string, timeoutMs = 5_000): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new DatabaseUnreachableError(
      `Cannot reach PostgreSQL at ${redactUrl(url)} (${reason}): check DATABASE_URL, or unset it to use the embedded database.`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Checks the server answers, then brings the schema up to date. Returns the names applied. */
export async function prepareDatabase(url: string, migrations: MigrationList): Promise<string[]> {
  await assertDatabaseReachable(url);
  const dataSource = new DataSource(dataSourceOptions({ url, migrations, poolSize: 2, applicationName: 'campus-care-migrate' }));
  await dataSource.initialize();
  try {
    return (await runMigrations(dataSource)).map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
