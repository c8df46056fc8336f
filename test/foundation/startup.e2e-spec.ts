import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { loadEmbeddedDatabase } from '#core';

const run = promisify(execFile);
// `npm test` builds first, so the server's entry point is there.
const SERVER = path.resolve('dist/apps/api/src/main.js');

async function startServer(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  try {
    await run(process.execPath, [SERVER], { env: { ...process.env, ...env }, timeout: 20_000 });
    return { code: 0, stderr: '' };
  } catch (error) {
    const { code, stderr } = error as { code: number; stderr: string };
    return { code, stderr };
  }
}

describe('server start-up', () => {
  it('exits non-zero with one clear sentence when DATABASE_URL points nowhere', async () => {
    const { code, stderr } = await startServer({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/x', LOG_LEVEL: 'silent' });
    expect(code).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/Cannot reach PostgreSQL at postgres:\/\/nobody@127\.0\.0\.1:1\/x .*DATABASE_URL/);
  });

  it('refuses a bad setting with a message naming it', async () => {
    const { code, stderr } = await startServer({ PORT: 'eighty', LOG_LEVEL: 'silent' });
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/PORT/);
  });
});

describe('embedded PostgreSQL', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'campus-care-embedded-'));
    await chmod(root, 0o700); // private, as `mktemp -d` makes it: the server must still start
  });
  afterAll(async () => rm(root, { recursive: true, force: true }));

  it('keeps its data across restarts and reuses a server orphaned by a killed process', async () => {
    const dataDir = path.join(root, 'pg');
    const port = 55000 + Math.floor(Math.random() * 5000);
    const EmbeddedDatabase = await loadEmbeddedDatabase();
    const first = new EmbeddedDatabase({ dataDir, port });
    const query = async (url: string, sql: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query(sql)).rows;
      } finally {
        await client.end();
      }
    };

    await query(await first.start(), 'CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)');
    // A second instance sees the live server through postmaster.pid, as after a SIGKILL of the first.
    const second = new EmbeddedDatabase({ dataDir, port: port + 1 });
    const url = await second.start();
    expect(url).toContain(`:${port}/`);
    expect(await query(url, 'SELECT n FROM kept')).toEqual([{ n: 42 }]);
    await second.stop();

    const third = new EmbeddedDatabase({ dataDir, port });
    expect(await query(await third.start(), 'SELECT n FROM kept')).toEqual([{ n: 42 }]);
    await third.stop();
  }, 60_000);
});
