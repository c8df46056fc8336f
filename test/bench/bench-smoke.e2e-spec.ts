import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from '../support/free-port.js';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface BenchJson {
  options: { warmup: number };
  scales: {
    students: number;
    summary: { scenario: string; ratio: number | null; app: { requestsPerSecond: number; failures: number }; baseline: { requestsPerSecond: number; failures: number } }[];
    jobs: { name: string; ok: boolean; items: number; seconds: number; peakRssMiB?: number; baselineSeconds?: number; detail?: { signInPageMs?: number[]; todayAfterSignInMs?: number[] } }[];
  }[];
}

/**
 * The benchmark itself is not part of `npm test`; this runs it in short mode at a tiny scale, in
 * a database and a results folder of its own, so a broken scenario, baseline or seed shows here.
 */
describe('npm run bench (short mode, tiny scale)', () => {
  let resultsDir: string;

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'dist/bench/run.js'))) {
      await run(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'bench/tsconfig.json')], { cwd: ROOT });
    }
    resultsDir = mkdtempSync(path.join(tmpdir(), 'campus-care-bench-smoke-'));
  }, 60_000);

  afterAll(() => rmSync(resultsDir, { recursive: true, force: true }));

  it('measures every scenario against the baseline and verifies the seeded audit chain', async () => {
    const [appPort, baselinePort] = [await freePort(), await freePort()];
    const args = ['--short', '--students', '200', '--duration', '1', '--rounds', '1', '--connections', '2'];
    args.push('--results-dir', resultsDir, '--app-port', String(appPort), '--baseline-port', String(baselinePort));
    const { stderr } = await run(process.execPath, [path.join(ROOT, 'dist/bench/run.js'), ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: process.env.TEST_ADMIN_URL,
        BENCH_DATABASE: `cc_bench_smoke_${process.env.TEST_RUN_ID}`,
      },
      timeout: 120_000,
      maxBuffer: 16 * 1024 * 1024,
    });

    const files = readdirSync(resultsDir);
    // The bench's own account of what it did, when it wrote nothing.
    expect({ files: files.length, log: files.length === 2 ? '' : stderr.split('\n').slice(-30).join('\n') }).toEqual({ files: 2, log: '' });
    expect(files.filter((f) => f.endsWith('-short.md'))).toHaveLength(1);
    const json = files.find((f) => f.endsWith('-short.json'));
    const result = JSON.parse(readFileSync(path.join(resultsDir, json as string), 'utf8')) as BenchJson;
    // Short mode warms each target up for a second before measuring.
    expect(result.options.warmup).toBe(1);
    const [scale] = result.scales;
    expect(scale.students).toBe(200);
    expect(scale.summary.map((s) => s.scenario)).toEqual(['student-read', 'cases-first-page', 'cases-deep-page', 'concern-flag', 'survey-phq9', 'audit-query']);
    for (const s of scale.summary) {
      expect({ scenario: s.scenario, ratio: s.ratio && s.ratio > 0 }).toEqual({ scenario: s.scenario, ratio: true });
      expect(s.app.requestsPerSecond).toBeGreaterThan(0);
      expect(s.baseline.requestsPerSecond).toBeGreaterThan(0);
      // survey-phq9 may run out of fresh invitations (200 at this scale): those answer 404 by design.
      if (s.scenario !== 'survey-phq9') expect({ scenario: s.scenario, app: s.app.failures, baseline: s.baseline.failures }).toEqual({ scenario: s.scenario, app: 0, baseline: 0 });
    }
    const verify = scale.jobs.find((j) => j.name === 'audit-verify');
    expect(verify).toMatchObject({ ok: true });
    // 6 entries per student seeded, plus what the scenarios appended.
    expect(verify?.items).toBeGreaterThanOrEqual(1_200);
    expect(verify?.peakRssMiB).toBeGreaterThan(0);
    // The sweep created the same reminders as the hand-written statement, one per open case.
    const sweep = scale.jobs.find((j) => j.name === 'reminder-sweep');
    expect(sweep).toMatchObject({ ok: true });
    expect(sweep?.items).toBeGreaterThan(0);
    expect(sweep?.baselineSeconds).toBeGreaterThan(0);
    // The console opened in a real browser and showed Today after sign-in, each round timed.
    const consoleLoad = scale.jobs.find((j) => j.name === 'console-first-load');
    expect(consoleLoad).toMatchObject({ ok: true, items: 3 });
    expect(consoleLoad?.detail?.signInPageMs).toHaveLength(3);
    expect(consoleLoad?.detail?.todayAfterSignInMs?.every((ms) => ms > 0)).toBe(true);
  }, 150_000);
});
