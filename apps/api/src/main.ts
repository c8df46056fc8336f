import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  AppLogger,
  ConfigValidationError,
  DatabaseUnreachableError,
  type EmbeddedDatabase,
  EmbeddedDatabaseError,
  configureHttpApp,
  createFastifyAdapter,
  createRootLogger,
  ensureDatabaseExists,
  loadAppConfig,
  loadEmbeddedDatabase,
  prepareDatabase,
  type RootLogger,
  stopOnSignals,
} from '#core';
import { DEMO_SCHOOL_CODE, DEMO_USERS } from '#demo';
import { DemoSurveyLinkService } from '#screening';
import { migrations } from '#migrations';
import { AppModule } from './app.module.js';
import { seedDemoIfEmpty } from './seed-demo-if-empty.js';

const EMBEDDED_DATABASE_NAME = 'campus_care';

async function main(): Promise<void> {
  const config = loadAppConfig();
  const log = createRootLogger(config.LOG_LEVEL);

  let embedded: EmbeddedDatabase | undefined;
  if (!config.DATABASE_URL) {
    // Imported only here: the package's exit hook would otherwise end the process on SIGTERM at once.
    const EmbeddedDatabase = await loadEmbeddedDatabase();
    embedded = new EmbeddedDatabase({
      dataDir: config.EMBEDDED_PG_DIR,
      port: config.EMBEDDED_PG_PORT,
      onNotice: (line) => log.warn(line),
    });
    log.info({ dataDir: config.EMBEDDED_PG_DIR }, 'No DATABASE_URL given: starting the embedded PostgreSQL');
    await embedded.start();
    await ensureDatabaseExists(embedded.url, EMBEDDED_DATABASE_NAME);
    process.env.DATABASE_URL = embedded.urlFor(EMBEDDED_DATABASE_NAME);
  }
  const databaseUrl = process.env.DATABASE_URL as string;

  try {
    // Migrations as the owner; requests then run as the application role (DatabaseModule).
    const applied = await prepareDatabase(config.MIGRATION_DATABASE_URL ?? databaseUrl, migrations);
    if (applied.length > 0) log.info({ migrations: applied }, 'Applied migrations');
    // Demo data only ever goes into the embedded database; elsewhere `npm run seed:demo` does it on purpose.
    if (embedded && (await seedDemoIfEmpty(databaseUrl, config.DEMO_PASSWORD))) {
      log.warn(
        { users: DEMO_USERS.map((u) => u.username), password: config.DEMO_PASSWORD },
        `DEMO ONLY: seeded the demo school; sign in as ${DEMO_USERS.map((u) => u.username).join(', ')} with password "${config.DEMO_PASSWORD}"`,
      );
    }

    const app = await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter({ trustProxy: config.TRUST_PROXY === 'true' }), {
      bufferLogs: true,
    });
    app.useLogger(app.get(AppLogger));
    await configureHttpApp(app);
    await app.listen(config.PORT, config.HOST);

    const base = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`;
    log.info(
      { url: `${base}/api/v1`, docs: `${base}/api/docs`, console: `${base}/console`, embedded: Boolean(embedded) },
      `campus-care is listening; the staff console at ${base}/console, API docs at ${base}/api/docs`,
    );
    if (embedded) await printDemoSurveyLink(app, base, log);

    stopOnSignals({
      log,
      draining: 'in-flight requests',
      timeoutMs: config.SHUTDOWN_TIMEOUT_SECONDS * 1000,
      close: async () => {
        // A keep-alive connection busy when the stop began would hold the close until its timeout: close each once idle.
        const server = app.getHttpServer();
        const reapIdle = setInterval(() => server.closeIdleConnections(), 100);
        try {
          await app.close(); // stops accepting, drains requests, closes the pool
        } finally {
          clearInterval(reapIdle);
        }
        await embedded?.stop();
      },
      // Past the bound: a request that never ends (a stalled upload, a client that never reads) is cut.
      cut: () => app.getHttpServer().closeAllConnections(),
    });
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/** On the embedded demo database: a student's link to try the survey page with, ready to open. */
async function printDemoSurveyLink(app: NestFastifyApplication, base: string, log: RootLogger): Promise<void> {
  try {
    const path = await app.get(DemoSurveyLinkService).readyLinkPath({ schoolCode: DEMO_SCHOOL_CODE, counselorUsername: 'counselor' });
    if (path) log.warn({ surveyLink: `${base}${path}` }, `DEMO ONLY: a student's survey link, to open in a phone-sized window: ${base}${path}`);
  } catch (error) {
    // A demo convenience: it never stops the server.
    log.warn({ err: error instanceof Error ? error.name : String(error) }, 'DEMO ONLY: could not prepare a demo survey link');
  }
}

/** Known failures print one sentence that says what to do; anything else says where to look. */
function explain(error: unknown): string {
  if (
    error instanceof ConfigValidationError ||
    error instanceof DatabaseUnreachableError ||
    error instanceof EmbeddedDatabaseError
  ) {
    return error.message;
  }
  const reason = error instanceof Error ? error.message : String(error);
  return `campus-care could not start: ${reason}`;
}

main().catch((error: unknown) => {
  process.stderr.write(`${explain(error)}\n`);
  if (process.env.DEBUG_START && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
