import type { DataSource, Migration } from 'typeorm';

/** An arbitrary constant: the advisory lock that lets only one instance migrate at a time. */
const MIGRATION_LOCK_KEY = 7_214_410_221;

/**
 * Runs pending migrations, each in its own transaction, while holding a session advisory lock,
 * so several instances starting together neither race nor run a migration twice.
 */
export async function runMigrations(dataSource: DataSource): Promise<Migration[]> {
  // The lock holds one connection while the migrations use another: the pool needs two.
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
