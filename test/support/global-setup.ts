// Jest loads this file with Node's own resolver (no moduleNameMapper): it may import only
// packages and `#core`/`#migrations`, which resolve to the build `npm test` makes first.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadEmbeddedDatabase, prepareDatabase } from '#core';
import { migrations } from '#migrations';
import pg from 'pg';

const LOCAL_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

interface TestServer {
  /** A URL of the server's `postgres` database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  stop(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The PostgreSQL the tests use: TEST_DATABASE_URL when given, else the local service when it
 * answers, else a throw-away embedded server (TEST_EMBEDDED=1 forces that last one).
 */
async function startTestServer(log: (line: string) => void): Promise<TestServer> {
  if (process.env.TEST_DATABASE_URL) {
    const url = new URL(process.env.TEST_DATABASE_URL);
    url.pathname = '/postgres';
    return { adminUrl: url.toString(), stop: async () => undefined };
  }
  if (process.env.TEST_EMBEDDED !== '1' && (await answers(LOCAL_SERVER_URL))) {
    return { adminUrl: LOCAL_SERVER_URL, stop: async () => undefined };
  }
  log('No PostgreSQL at 127.0.0.1:5432: starting an embedded one for the tests');
  const root = await mkdtemp(path.join(tmpdir(), 'campus-care-test-'));
  await chmod(root, 0o755); // the server may run as the OS user `postgres`
  const EmbeddedDatabase = await loadEmbeddedDatabase();
  const embedded = new EmbeddedDatabase({ dataDir: path.join(root, 'pg'), port: await freePort() });
  await embedded.start();
  return {
    adminUrl: embedded.url,
    stop: async () => {
      await embedded.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

declare global {
  var __campusCareTestServer: TestServer | undefined;
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Migrates one template database per run; each test file then clones it
 * (`CREATE DATABASE ... TEMPLATE ...`), so files are isolated and need no cleaning.
 */
export default async function globalSetup(globalConfig: { rootDir: string }): Promise<void> {
  // The contract check's report (test/support/contract) holds this run's violations only.
  await rm(path.join(globalConfig.rootDir, 'dist', 'contract-violations.jsonl'), { force: true });
  const server = await startTestServer((line) => process.stderr.write(`${line}\n`));
  globalThis.__campusCareTestServer = server;
  const runId = randomBytes(4).toString('hex');
  const template = `cc_tpl_${runId}`;

  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${template} ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await admin.end();
  }
  await prepareDatabase(databaseUrl(server.adminUrl, template), migrations);

  process.env.TEST_ADMIN_URL = server.adminUrl;
  process.env.TEST_TEMPLATE_DATABASE = template;
  process.env.TEST_RUN_ID = runId;
}
