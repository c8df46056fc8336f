/**
 * `npm run bench [-- --short] [--students N] [--duration S] [--connections C] [--rounds R] [--keep]`
 *
 * Creates a fresh benchmark database on DATABASE_URL's server, migrates and seeds it, starts the
 * application (production mode) and the baseline (bench/baseline/server.ts), then drives both with
 * autocannon, alternating app and baseline runs, and writes bench/results/<date>.json and .md.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { prepareDatabase } from '#core';
import { PasswordHasher } from '#identity';
import { migrations } from '#migrations';
import { surveyToken } from '#screening';
import { log, out } from './log.js';
import { type Scenario, scenarios } from './scenarios.js';
import { seed, idOf, usernames, STUDENTS_PER_SCHOOL } from './seed.js';
import { type Server, startServer, stopServer } from './servers.js';

interface Options {
  students: number;
  short: boolean;
  duration: number;
  connections: number;
  rounds: number;
  keep: boolean;
  appOnly: boolean;
  only?: string[];
}

function parseOptions(argv: string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
  };
  const short = argv.includes('--short');
  const number = (name: string, fallback: number): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const parsed = Number(raw.replace(/_/g, ''));
    if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${name} must be a positive integer`);
    return parsed;
  };
  const only = value('--only');
  return {
    students: number('--students', 20_000),
    short,
    duration: number('--duration', short ? 3 : 10),
    connections: number('--connections', 10),
    rounds: number('--rounds', short ? 1 : 2),
    keep: argv.includes('--keep'),
    appOnly: argv.includes('--app-only'),
    only: only ? only.split(',') : undefined,
  };
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PASSWORD = 'bench-password-not-secret';
const APP_PORT = 3901;
const BASELINE_PORT = 3902;

interface RunResult {
  scenario: string;
  target: 'app' | 'baseline';
  round: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  ok: number;
  non2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const serverUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const dbName = process.env.BENCH_DATABASE ?? 'campus_care_bench';
  const adminUrl = new URL(serverUrl);
  adminUrl.pathname = '/postgres';
  const benchUrl = new URL(serverUrl);
  benchUrl.pathname = `/${dbName}`;
  log(`[bench] ${options.students} students, ${options.duration} s per run, ${options.connections} connections, ${options.rounds} round(s)`);

  // Fresh secrets per run: production refuses the public development ones.
  const secrets = {
    JWT_SECRET: randomBytes(32).toString('base64url'),
    SURVEY_TOKEN_SECRET: randomBytes(32).toString('base64url'),
    FIELD_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    FIELD_ENCRYPTION_ACTIVE_KEY: 'bench',
  };

  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  log(`[bench] created database ${dbName}; migrating`);
  await prepareDatabase(benchUrl.toString(), migrations);

  const passwordHash = await new PasswordHasher().hash(PASSWORD);
  const client = new pg.Client({ connectionString: benchUrl.toString() });
  await client.connect();
  const seedStarted = Date.now();
  await seed(client, { students: options.students, passwordHash, surveySecret: secrets.SURVEY_TOKEN_SECRET });
  const seedSeconds = (Date.now() - seedStarted) / 1000;
  await client.end();

  const env = {
    ...secrets,
    NODE_ENV: 'production',
    DATABASE_URL: benchUrl.toString(),
    JOBS_ENABLED: 'false',
    LOG_LEVEL: 'warn',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    SURVEY_RATE_LIMIT_PER_MINUTE: '10000000',
  };
  const servers: Server[] = [];
  const results: RunResult[] = [];
  try {
    const app = await startServer('app', join(ROOT, 'dist/apps/api/src/main.js'), APP_PORT, env, '/health/ready');
    servers.push(app);
    const baseline = options.appOnly ? undefined : await startServer('baseline', join(ROOT, 'dist/bench/baseline/server.js'), BASELINE_PORT, env, '/health');
    if (baseline) servers.push(baseline);
    const targets = baseline ? [app, baseline] : [app];

    // Fresh invitations of the open campaign (p = 1), handed out once each, app and baseline alike.
    let invitation = 0;
    const invitationIds = await Promise.all(
      Array.from({ length: Math.min(options.students, STUDENTS_PER_SCHOOL) }, (_, i) => idOf('invitation', i * 2 + 1)),
    );
    const context = (token: string | undefined) => ({
      getJson: async (path: string) => (await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${token}` } })).json(),
      nextInvitation: () => invitationIds[invitation++],
      surveyToken: (id: string) => surveyToken(secrets.SURVEY_TOKEN_SECRET, id),
    });

    const selected = scenarios.filter((s) => !options.only || options.only.includes(s.name));
    for (const scenario of selected) {
      const token = scenario.user === 'none' ? undefined : await signIn(app.url, scenario);
      const requests = await scenario.requests(context(token));
      for (const target of targets) await probe(target, requests, token, scenario.name);
      for (let round = 1; round <= options.rounds; round++) {
        for (const target of targets) {
          const result = await drive(target, scenario, requests, token, options);
          results.push({ ...result, round });
          log(
            `[bench] ${scenario.name} ${target.name} round ${round}: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms` +
              (result.non2xx > 0 ? `, non-2xx ${JSON.stringify(result.statusCodes)}` : ''),
          );
        }
      }
    }
  } finally {
    for (const server of servers.reverse()) await stopServer(server);
    if (!options.keep) {
      const cleanup = new pg.Client({ connectionString: adminUrl.toString() });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await cleanup.end();
    }
  }
  report(options, seedSeconds, results);
}

async function signIn(appUrl: string, scenario: Scenario): Promise<string> {
  const username = scenario.user === 'teacher' ? usernames.teacher(0) : scenario.user === 'counselor' ? usernames.counselor(0) : usernames.admin(0);
  const response = await fetch(`${appUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in of ${username} answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** One request before the runs, so a scenario that cannot succeed stops the benchmark with the answer. */
async function probe(target: Server, requests: Awaited<ReturnType<Scenario['requests']>>, token: string | undefined, name: string): Promise<void> {
  const { path, body } = requests.next();
  const headers: Record<string, string> = requests.method === 'POST' ? { 'content-type': 'application/json' } : {};
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${target.url}${path}`, { method: requests.method, headers, body });
  if (!response.ok) throw new Error(`${name}: ${target.name} answered ${response.status} to ${requests.method} ${path}: ${await response.text()}`);
}

async function drive(
  target: Server,
  scenario: Scenario,
  requests: Awaited<ReturnType<Scenario['requests']>>,
  token: string | undefined,
  options: Options,
): Promise<Omit<RunResult, 'round'>> {
  const headers: Record<string, string> = requests.method === 'POST' ? { 'content-type': 'application/json' } : {};
  if (token) headers.authorization = `Bearer ${token}`;
  const result = await autocannon({
    url: target.url,
    connections: options.connections,
    duration: options.duration,
    requests: [
      {
        method: requests.method,
        headers,
        setupRequest: (request) => {
          const { path, body } = requests.next();
          return { ...request, path, body };
        },
      },
    ],
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stat.count;
  return {
    scenario: scenario.name,
    target: target.name as 'app' | 'baseline',
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statusCodes,
  };
}

function report(options: Options, seedSeconds: number, results: RunResult[]): void {
  const rows: string[][] = [];
  const summary: Record<string, unknown>[] = [];
  for (const name of [...new Set(results.map((r) => r.scenario))]) {
    const of = (target: string) => results.filter((r) => r.scenario === name && r.target === target);
    const mean = (runs: RunResult[], key: 'requestsPerSecond' | 'p50' | 'p99') => runs.reduce((sum, r) => sum + r[key], 0) / Math.max(runs.length, 1);
    const app = of('app');
    const baseline = of('baseline');
    const ratio = mean(app, 'requestsPerSecond') / Math.max(mean(baseline, 'requestsPerSecond'), 1e-9);
    const failures = (runs: RunResult[]) => runs.reduce((sum, r) => sum + r.non2xx + r.errors, 0);
    summary.push({
      scenario: name,
      app: { requestsPerSecond: mean(app, 'requestsPerSecond'), p50: mean(app, 'p50'), p99: mean(app, 'p99'), failures: failures(app) },
      baseline: { requestsPerSecond: mean(baseline, 'requestsPerSecond'), p50: mean(baseline, 'p50'), p99: mean(baseline, 'p99'), failures: failures(baseline) },
      ratio,
    });
    rows.push([
      name,
      mean(app, 'requestsPerSecond').toFixed(0),
      `${mean(app, 'p50').toFixed(1)} / ${mean(app, 'p99').toFixed(1)}`,
      mean(baseline, 'requestsPerSecond').toFixed(0),
      `${mean(baseline, 'p50').toFixed(1)} / ${mean(baseline, 'p99').toFixed(1)}`,
      `${ratio.toFixed(2)}x`,
      `${failures(app)} / ${failures(baseline)}`,
    ]);
  }
  const header = ['scenario', 'app req/s', 'app p50/p99 ms', 'baseline req/s', 'baseline p50/p99 ms', 'app/baseline', 'non-2xx app/baseline'];
  const markdown = [
    `# Benchmark ${new Date().toISOString()}`,
    '',
    `${options.students} students, ${options.duration} s per run, ${options.connections} connections, ${options.rounds} round(s)` +
      `${options.short ? ' (short mode)' : ''}; seeded in ${seedSeconds.toFixed(1)} s; Node ${process.version}.`,
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
  ].join('\n');
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  out('');
  out(line(header));
  for (const row of rows) out(line(row));

  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const base = join(dir, `${stamp}${options.short ? '-short' : ''}`);
  writeFileSync(`${base}.json`, `${JSON.stringify({ date: new Date().toISOString(), options, node: process.version, seedSeconds, summary, runs: results }, null, 2)}\n`);
  writeFileSync(`${base}.md`, markdown);
  log(`[bench] wrote ${base}.json and .md`);
}

main().catch((error: unknown) => {
  log(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
