import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppLogger, ConfigValidationError, DatabaseUnreachableError, createRootLogger, loadAppConfig, prepareDatabase, stopOnSignals } from '#core';
import { migrations } from '#migrations';
import { AppModule } from '../../api/src/app.module.js';

/**
 * The scheduled jobs (reminder sweep and deliveries, escalations, clean-ups) without the HTTP
 * server: the same modules as the API, booted as an application context. Run it beside API
 * instances started with JOBS_ENABLED=false, or anywhere: every job is safe on several instances.
 */
async function main(): Promise<void> {
  const config = loadAppConfig();
  const log = createRootLogger(config.LOG_LEVEL, 'campus-care-worker');
  if (!config.DATABASE_URL) throw new ConfigValidationError('The worker needs DATABASE_URL: the embedded PostgreSQL belongs to `npm start` alone');
  if (config.JOBS_ENABLED === 'false') throw new ConfigValidationError('JOBS_ENABLED=false leaves the worker nothing to do');

  const applied = await prepareDatabase(config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL, migrations);
  if (applied.length > 0) log.info({ migrations: applied }, 'Applied migrations');
  const app = await NestFactory.createApplicationContext(AppModule, { bufferLogs: true });
  app.useLogger(app.get(AppLogger));
  await app.init();
  log.info({ reminderSweep: config.REMINDER_SWEEP_ENABLED === 'true' }, 'campus-care worker is running the scheduled jobs');

  stopOnSignals({ log, draining: 'running jobs', timeoutMs: config.SHUTDOWN_TIMEOUT_SECONDS * 1000, close: () => app.close() });
}

main().catch((error: unknown) => {
  // Known failures get their one readable sentence.
  const known = error instanceof ConfigValidationError || error instanceof DatabaseUnreachableError;
  const reason = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${known ? reason : `campus-care worker could not start: ${reason}`}\n`);
  process.exit(1);
});
