/**
 * `npm run bench [-- --short] [--students N] [--duration S] [--warmup S] [--connections C] [--rounds R] [--keep]
 *   [--only a,b] [--app-only] [--compare-scales SMALL,LARGE] [--results-dir DIR] [--profile DIR] [--against DIR]
 *   [--app-port P] [--baseline-port P]`
 *
 * Creates a fresh benchmark database on DATABASE_URL's server, migrates and seeds it, starts the
 * application (production mode) and the baseline (bench/baseline/server.ts), drives both with
 * autocannon, alternating app and baseline runs, runs the timed jobs (bench/jobs.ts), and writes
 * <results-dir>/<date>.json and .md (default bench/results). With --compare-scales it does all of
 * that at two scales for the scenarios whose cost should not grow with the data, and reports the
 * ratio of their p50 latencies (large / small).
 */
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { prepareDatabase, validateEnvironment } from '#core';
import { AuditAnchorConfig } from '#audit';
import { PasswordHasher } from '#identity';
import { migrations } from '#migrations';
import { surveyToken } from '#screening';
import { jobs } from './jobs.js';
import { log } from './log.js';
import { type JobRun, type RunResult, type ScaleRun, writeReport } from './report.js';
import { type Scenario, scenarios } from './scenarios.js';
import { seed, idOf, usernames, STUDENTS_PER_SCHOOL } from './seed.js';
import { processCpuMs, type Server, startServer, stopServer } from './servers.js';

export interface Options {
  students: number;
  short: boolean;
  duration: number;
  /** Seconds of unmeasured load per target before a scenario's rounds: both run JIT-compiled and with warm caches. */
  warmup: number;
  connections: number;
  rounds: number;
  keep: boolean;
  appOnly: boolean;
  only?: string[];
  profile?: string;
  /** Another checkout (built): its application takes the baseline's place, for an A/B of two builds. */
  against?: string;
  resultsDir: string;
  /** Two scales (students) to compare, small first. */
  compareScales?: [number, number];
  /** Loopback ports of the application and the baseline. */
  ports: [number, number];
}

/** The scenarios whose p50 should stay flat as the data grows (keyset pagination, indexes). */
export const SCALE_SCENARIOS = ['cases-first-page', 'cases-deep-page', 'audit-query', 'audit-verify', 'reminder-sweep'];

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PASSWORD = 'bench-password-not-secret';

function parseOptions(argv: string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
  };
  const short = argv.includes('--short');
  const positive = (name: string, raw: string): number => {
    const parsed = Number(raw.replace(/_/g, ''));
    if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${name} must be a positive integer`);
    return parsed;
  };
  const number = (name: string, fallback: number): number => {
    const raw = value(name);
    return raw === undefined ? fallback : positive(name, raw);
  };
  const only = value('--only');
  const scales = value('--compare-scales');
  let compareScales: [number, number] | undefined;
  if (scales !== undefined) {
    const parsed = scales.split(',').map((s) => positive('--compare-scales', s));
    if (parsed.length !== 2 || parsed[0] >= parsed[1]) throw new Error('--compare-scales takes two scales, small first: 20000,1000000');
    compareScales = [parsed[0], parsed[1]];
  }
  return {
    students: number('--students', 20_000),
    short,
    duration: number('--duration', short ? 3 : 10),
    warmup: value('--warmup') === '0' ? 0 : number('--warmup', short ? 1 : 3),
    connections: number('--connections', 10),
    rounds: number('--rounds', short ? 1 : 2),
    keep: argv.includes('--keep'),
    appOnly: argv.includes('--app-only'),
    only: only ? only.split(',') : compareScales ? SCALE_SCENARIOS : undefined,
    profile: value('--profile'),
    against: value('--against') === undefined ? undefined : resolve(value('--against') as string),
    resultsDir: resolve(value('--results-dir') ?? join(ROOT, 'bench', 'results')),
    compareScales,
    ports: [number('--app-port', 3901), number('--baseline-port', 3902)],
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const known = [...scenarios.map((s) => s.name), ...jobs.map((j) => j.name)];
  const unknown = options.only?.filter((name) => !known.includes(name)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${known.join(', ')}`);
  const scales = options.compareScales ?? [options.students];
  log(
    `[bench] ${scales.join(' and ')} students, ${options.duration} s per run after ${options.warmup} s of warm-up, ${options.connections} connections, ${options.rounds} round(s)` +
      (options.only ? `; only ${options.only.join(', ')}` : ''),
  );
  const runs: ScaleRun[] = [];
  for (const students of scales) runs.push(await runAtScale(students, options));
  writeReport(options, runs);
  const failed = runs.flatMap((r) => r.jobs.filter((j) => !j.ok));
  if (failed.length > 0) {
    log(`[bench] failed jobs: ${failed.map((j) => j.name).join(', ')}`);
    process.exitCode = 1;
  }
}

/** Seeds a fresh database of `students` students and runs the selected scenarios and jobs on it. */
async function runAtScale(students: number, options: Options): Promise<ScaleRun> {
  const serverUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const dbName = process.env.BENCH_DATABASE ?? 'campus_care_bench';
  const adminUrl = new URL(serverUrl);
  adminUrl.pathname = '/postgres';
  const benchUrl = new URL(serverUrl);
  benchUrl.pathname = `/${dbName}`;

  // Fresh secrets per run: production refuses the public development ones.
  const secrets = {
    JWT_SECRET: randomBytes(32).toString('base64url'),
    SURVEY_TOKEN_SECRET: randomBytes(32).toString('base64url'),
    AUDIT_ANCHOR_KEY: randomBytes(32).toString('base64url'),
    FIELD_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    FIELD_ENCRYPTION_ACTIVE_KEY: 'bench',
  };

  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  log(`[bench] created database ${dbName} for ${students} students; migrating`);
  await prepareDatabase(benchUrl.toString(), migrations);

  const passwordHash = await new PasswordHasher().hash(PASSWORD);
  const connect = async () => {
    const client = new pg.Client({ connectionString: benchUrl.toString() });
    await client.connect();
    return client;
  };
  const client = await connect();
  const seedStarted = Date.now();
  const seedSteps = await seed(client, connect, {
    students,
    passwordHash,
    surveySecret: secrets.SURVEY_TOKEN_SECRET,
    auditChainKey: validateEnvironment(AuditAnchorConfig, { AUDIT_ANCHOR_KEY: secrets.AUDIT_ANCHOR_KEY }).chainKey(),
  });
  const seedSeconds = (Date.now() - seedStarted) / 1000;
  await client.end();
  log(`[bench] seeded ${students} students in ${seedSeconds.toFixed(1)} s`);

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
  const jobRuns: JobRun[] = [];
  const selected = (name: string) => !options.only || options.only.includes(name);
  try {
    const httpScenarios = scenarios.filter((s) => selected(s.name));
    if (httpScenarios.length > 0) {
      const profile = (name: string) => (options.profile ? ['--cpu-prof', '--cpu-prof-dir', options.profile, '--cpu-prof-name', `${name}.cpuprofile`] : []);
      const app = await startServer('app', join(ROOT, 'dist/apps/api/src/main.js'), options.ports[0], env, '/health/ready', profile('app'));
      servers.push(app);
      const baseline = options.appOnly
        ? undefined
        : options.against
          ? await startServer('baseline', join(options.against, 'dist/apps/api/src/main.js'), options.ports[1], env, '/health/ready', profile('baseline'))
          : await startServer('baseline', join(ROOT, 'dist/bench/baseline/server.js'), options.ports[1], env, '/health', profile('baseline'));
      if (baseline) servers.push(baseline);
      results.push(...(await driveScenarios(httpScenarios, baseline ? [app, baseline] : [app], students, secrets.SURVEY_TOKEN_SECRET, options)));
      // The jobs get the machine to themselves.
      for (const server of servers.splice(0).reverse()) await stopServer(server);
    }
    for (const job of jobs.filter((j) => selected(j.name))) {
      log(`[bench] ${job.name} ...`);
      const result = await job.run({
        databaseUrl: benchUrl.toString(),
        root: ROOT,
        auditAnchorKey: secrets.AUDIT_ANCHOR_KEY,
        startApp: () => startServer('app', join(ROOT, 'dist/apps/api/src/main.js'), options.ports[0], env, '/health/ready'),
        stopServer,
        counselor: { username: usernames.counselor(0), password: PASSWORD },
        short: options.short,
      });
      jobRuns.push({ name: job.name, ...result });
      log(
        `[bench] ${job.name}: ${result.ok ? 'ok' : 'FAILED'}, ${result.items} in ${result.seconds.toFixed(2)} s ` +
          `(${(result.items / Math.max(result.seconds, 1e-9)).toFixed(0)}/s)` +
          (result.peakRssMiB !== undefined ? `, peak RSS ${result.peakRssMiB.toFixed(0)} MiB` : '') +
          (result.ok ? '' : `: ${JSON.stringify(result.detail)}`),
      );
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
  return { students, seedSeconds, seedSteps, results, jobs: jobRuns };
}

async function driveScenarios(selected: Scenario[], targets: Server[], students: number, surveySecret: string, options: Options): Promise<RunResult[]> {
  const app = targets[0];
  // Fresh invitations of the open campaign (p = 1), handed out once each, app and baseline alike.
  let invitation = 0;
  const invitationIds = await Promise.all(Array.from({ length: Math.min(students, STUDENTS_PER_SCHOOL) }, (_, i) => idOf('invitation', i * 2 + 1)));
  const context = (token: string | undefined) => ({
    getJson: async (path: string) => (await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${token}` } })).json(),
    nextInvitation: () => invitationIds[invitation++],
    surveyToken: (id: string) => surveyToken(surveySecret, id),
  });
  const results: RunResult[] = [];
  for (const scenario of selected) {
    const token = scenario.user === 'none' ? undefined : await signIn(app.url, scenario);
    const requests = await scenario.requests(context(token));
    for (const target of targets) await probe(target, requests, token, scenario.name);
    if (options.warmup > 0) {
      for (const target of targets) await drive(target, scenario, requests, token, { ...options, duration: options.warmup });
      log(`[bench] ${scenario.name}: warmed up ${options.warmup} s per target`);
    }
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
  return results;
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
  const cpuBefore = processCpuMs(target.process.pid);
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
  const cpuAfter = processCpuMs(target.process.pid);
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
    cpuUsPerRequest: cpuBefore === undefined || cpuAfter === undefined ? null : ((cpuAfter - cpuBefore) * 1000) / Math.max(result.requests.total, 1),
  };
}

let finished = false;
// An await that nothing keeps alive would end the process with 0 and no report: make that a failure.
process.on('exit', (code) => {
  if (!finished && code === 0) {
    log('[bench] exited before finishing (a pending operation with nothing keeping the process alive)');
    process.exitCode = 1;
  }
});

main()
  .catch((error: unknown) => {
    log(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => {
    finished = true;
  });
