import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { reminderSweepEnabled } from '#reminders';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const WORKER = 'dist/apps/worker/src/main.js';

describe('worker entry point', () => {
  let database: TestDatabase;
  let client: pg.Client;
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    worker?.kill('SIGKILL');
    await client.end();
    await database.drop();
  });

  const start = (env: Record<string, string>) => {
    const child = spawn(process.execPath, [WORKER], { env: { ...process.env, DATABASE_URL: database.url, JOBS_ENABLED: 'true', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, exited, output: () => output };
  };

  it('reads the per-instance switch', () => {
    expect(reminderSweepEnabled({})).toBe(true);
    expect(reminderSweepEnabled({ REMINDER_SWEEP_ENABLED: 'false' })).toBe(false);
    expect(reminderSweepEnabled({ JOBS_ENABLED: 'false' })).toBe(false);
  });

  it('runs the jobs without an HTTP server: its first sweep at boot creates the due reminders, and it stops on SIGTERM', async () => {
    const [school] = (await client.query<{ id: string }>(`INSERT INTO schools (code, name, timezone) VALUES ('w1', '工人中学', 'Asia/Shanghai') RETURNING id`)).rows;
    await client.query(`INSERT INTO users (school_id, username, display_name, role, password_hash) VALUES ($1, 'w-admin', 'Admin', 'admin', 'x')`, [school.id]);
    // A holiday 10 days from now: its pre-holiday window is open.
    await client.query(
      `INSERT INTO school_holidays (school_id, kind, name, starts_on, ends_on) VALUES ($1, 'winter', '寒假', current_date + 10, current_date + 40)`,
      [school.id],
    );
    const run = start({});
    worker = run.child;
    const deadline = Date.now() + 20_000;
    let reminders = 0;
    while (Date.now() < deadline && reminders === 0) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      reminders = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM reminders WHERE school_id = $1`, [school.id])).rows[0].n;
    }
    expect(reminders).toBe(1);
    expect(run.output()).toContain('worker is running the scheduled jobs');
    expect(run.output()).not.toMatch(/listening/i);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('refuses to start without a database URL, in one sentence', async () => {
    const run = start({ DATABASE_URL: '' });
    expect(await run.exited).toBe(1);
    expect(run.output().trim()).toBe('The worker needs DATABASE_URL: the embedded PostgreSQL belongs to `npm start` alone');
  });
});
