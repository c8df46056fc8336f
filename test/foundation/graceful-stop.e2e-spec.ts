import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { freePort } from '../support/free-port.js';

// `npm test` builds first, so the server's entry point is there.
const SERVER = path.resolve('dist/apps/api/src/main.js');
const LOGIN = JSON.stringify({ username: 'nobody-here', password: 'not the password at all' });

/**
 * A sign-in whose body arrives only on `finish()`. `received` resolves once the server has read
 * its headers (it answers `100 Continue`), so the request is in flight, not waiting to be accepted.
 */
function slowSignIn(port: number): { received: Promise<void>; status: Promise<number | string>; finish: () => void } {
  const request = http.request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/api/v1/auth/login',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(LOGIN), expect: '100-continue' },
  });
  const received = new Promise<void>((resolve) => request.on('continue', () => resolve()));
  const status = new Promise<number | string>((resolve) => {
    request.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
  request.flushHeaders();
  return { received, status, finish: () => request.end(LOGIN) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The real server process, on DATABASE_URL (so without the embedded PostgreSQL), once it listens. */
async function startServer(databaseUrl: string, env: Record<string, string> = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), LOG_LEVEL: 'info', JOBS_ENABLED: 'false', AUTH_RATE_LIMIT_PER_MINUTE: '10000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  for (const deadline = Date.now() + 30_000; !output.includes('is listening'); await sleep(100)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the server did not start: ${output}`);
  }
  return { port, child, exited, output: () => output };
}

describe('stopping the server', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.drop());

  it('finishes every in-flight request on SIGTERM, then closes the pool and exits 0', async () => {
    const server = await startServer(database.url);
    try {
      // Thirty sign-ins in flight; each hashes with argon2 (also for an unknown name), so they take a while.
      const inFlight = Array.from({ length: 30 }, () => slowSignIn(server.port));
      await Promise.all(inFlight.map((r) => r.received));
      server.child.kill('SIGTERM');
      await sleep(1_000);
      for (const r of inFlight) r.finish(); // their bodies arrive a second after SIGTERM
      expect(await Promise.all(inFlight.map((r) => r.status))).toEqual(Array(30).fill(401));
      expect(await server.exited).toBe(0);
      expect(server.output()).toContain('Stopped');
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 60_000);

  it('does not let a request that never ends hold the exit past SHUTDOWN_TIMEOUT_SECONDS', async () => {
    const server = await startServer(database.url, { SHUTDOWN_TIMEOUT_SECONDS: '1' });
    try {
      const stalled = slowSignIn(server.port);
      await stalled.received;
      const signalled = Date.now();
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(1); // cut, not drained
      expect(Date.now() - signalled).toBeLessThan(5_000);
      expect(await stalled.status).toBe('ECONNRESET');
      expect(server.output()).toContain('did not finish in time');
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 60_000);
});
