import { spawn } from 'node:child_process';
import { CONSOLE_FIRST_LOAD_TARGET_MS, measureConsoleLoad, median } from './console-load.js';
import type { Server } from './servers.js';
import type { SweepReport } from './sweep-reminders.js';
import type { ChainVerificationReport } from './verify-chain.js';

/**
 * A scenario without HTTP load: one timed run of a piece of work the application does in bulk
 * (a verification, a sweep), optionally against a hand-written baseline of the same work.
 * Add a job here and the benchmark runs it after the HTTP scenarios, at every scale.
 */
export interface TimedJob {
  name: string;
  description: string;
  run: (context: JobContext) => Promise<JobResult>;
}

export interface JobContext {
  /** URL of the seeded benchmark database. */
  databaseUrl: string;
  /** Root of the built project (dist/ lives under it). */
  root: string;
  /** The key the seeded audit chain is keyed under (the server's AUDIT_ANCHOR_KEY). */
  auditAnchorKey: string;
  /** Starts the application on the seeded database (for a job that needs it running); the job stops it. */
  startApp: () => Promise<Server>;
  stopServer: (server: Server) => Promise<void>;
  /** A seeded counselor who can sign in. */
  counselor: { username: string; password: string };
  /** Short mode: fewer repetitions. */
  short: boolean;
}

export interface JobResult {
  /** Whether the job produced the right outcome (a valid chain, the expected rows). */
  ok: boolean;
  seconds: number;
  /** Rows or entries the job went through. */
  items: number;
  /** Peak resident set size of the process that ran the job, in MiB, when measured. */
  peakRssMiB?: number;
  /** Time of the hand-written baseline for the same work, when the job has one. */
  baselineSeconds?: number;
  detail?: Record<string, unknown>;
}

/**
 * The verification's heap budget. V8 grows its heap lazily, so an unbounded run's peak RSS says
 * more about GC heuristics than about the code; a fixed budget turns "memory does not grow with
 * the entries" into something that fails loudly (out of memory) at a large scale if it ever does.
 */
export const VERIFY_HEAP_BUDGET_MIB = 128;

/** Runs `node [nodeArgs] <script>` and parses the one JSON line it prints. */
async function runChild<T>(script: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<T> {
  const child = spawn(process.execPath, [...nodeArgs, script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`${script} exited with ${code}: ${stderr}`);
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as T;
}

export const jobs: TimedJob[] = [
  {
    name: 'audit-verify',
    description: "the application's audit chain verification over every school's entries (child process: time, peak RSS)",
    async run(context) {
      const report = await runChild<ChainVerificationReport>(`${context.root}/dist/bench/verify-chain.js`, { DATABASE_URL: context.databaseUrl, AUDIT_ANCHOR_KEY: context.auditAnchorKey }, [
        `--max-old-space-size=${VERIFY_HEAP_BUDGET_MIB}`,
      ]);
      return {
        ok: report.ok,
        seconds: report.seconds,
        items: report.checked,
        peakRssMiB: report.peakRssMiB,
        detail: { schools: report.schools, startRssMiB: report.startRssMiB, heapBudgetMiB: VERIFY_HEAP_BUDGET_MIB, broken: report.broken },
      };
    },
  },
  {
    name: 'reminder-sweep',
    description: "the application's holiday reminder sweep over every school (a contact within 7 days of the restart for every open case) against one hand-written INSERT ... SELECT of the same rows; best of three alternating runs each",
    async run(context) {
      const report = await runChild<SweepReport>(`${context.root}/dist/bench/sweep-reminders.js`, {
        DATABASE_URL: context.databaseUrl,
        AUDIT_ANCHOR_KEY: context.auditAnchorKey,
      });
      return {
        ok: report.ok,
        seconds: report.seconds,
        items: report.created,
        baselineSeconds: report.baselineSeconds,
        detail: { baselineCreated: report.baselineCreated, runs: report.runs },
      };
    },
  },
  {
    name: 'console-first-load',
    description: `the staff console opened in a fresh browser profile (Chromium): to the sign-in form taking input, and from 登录 to Today with its data; target p50 <= ${CONSOLE_FIRST_LOAD_TARGET_MS} ms each`,
    async run(context) {
      const app = await context.startApp();
      const started = performance.now();
      try {
        const report = await measureConsoleLoad(app.url, context.counselor, context.short ? 3 : 10);
        const signIn = median(report.signInPageMs);
        const today = median(report.todayAfterSignInMs);
        return {
          // A speed target is read from the results, not failed on: the job's outcome is that the pages loaded.
          ok: true,
          seconds: (performance.now() - started) / 1000,
          items: report.rounds,
          detail: {
            signInPageP50Ms: Math.round(signIn),
            todayAfterSignInP50Ms: Math.round(today),
            targetMs: CONSOLE_FIRST_LOAD_TARGET_MS,
            withinTarget: signIn <= CONSOLE_FIRST_LOAD_TARGET_MS && today <= CONSOLE_FIRST_LOAD_TARGET_MS,
            ...report,
          },
        };
      } finally {
        await context.stopServer(app);
      }
    },
  },
];
