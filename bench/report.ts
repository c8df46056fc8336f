import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JobResult } from './jobs.js';
import { log, out } from './log.js';
import type { Options } from './run.js';
import type { SeedStepTiming } from './seed.js';

export interface RunResult {
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
  /** CPU time of the server process per request (µs), from /proc; null where that is not readable. */
  cpuUsPerRequest: number | null;
}

export type JobRun = JobResult & { name: string };

/** Everything measured at one scale. */
export interface ScaleRun {
  students: number;
  seedSeconds: number;
  seedSteps: SeedStepTiming[];
  results: RunResult[];
  jobs: JobRun[];
}

interface TargetStats {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  failures: number;
  cpuUsPerRequest: number | null;
}

export interface ScenarioSummary {
  scenario: string;
  app: TargetStats;
  baseline: TargetStats;
  /** App throughput over the baseline's; null in --app-only runs. */
  ratio: number | null;
}

export interface ScaleComparison {
  name: string;
  small: number;
  large: number;
  /** Large over small: p50 latency for HTTP scenarios, time per entry for jobs. */
  ratio: number;
  /** The same for a job's hand-written baseline: growth that is PostgreSQL's, not the application's. */
  baselineRatio: number | null;
  measure: 'p50 ms' | 'µs per item';
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / Math.max(values.length, 1);

export function summarise(results: RunResult[]): ScenarioSummary[] {
  return [...new Set(results.map((r) => r.scenario))].map((name) => {
    const of = (target: string) => results.filter((r) => r.scenario === name && r.target === target);
    const stats = (runs: RunResult[]) => ({
      requestsPerSecond: mean(runs.map((r) => r.requestsPerSecond)),
      p50: mean(runs.map((r) => r.p50)),
      p99: mean(runs.map((r) => r.p99)),
      failures: runs.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
      cpuUsPerRequest: runs.some((r) => r.cpuUsPerRequest === null) ? null : mean(runs.map((r) => r.cpuUsPerRequest ?? 0)),
    });
    const app = stats(of('app'));
    const baseline = stats(of('baseline'));
    return { scenario: name, app, baseline, ratio: of('baseline').length > 0 ? app.requestsPerSecond / Math.max(baseline.requestsPerSecond, 1e-9) : null };
  });
}

export function compareScales(small: ScaleRun, large: ScaleRun): ScaleComparison[] {
  const rows: ScaleComparison[] = [];
  const smallHttp = summarise(small.results);
  for (const l of summarise(large.results)) {
    const s = smallHttp.find((x) => x.scenario === l.scenario);
    if (s) rows.push({ name: l.scenario, small: s.app.p50, large: l.app.p50, ratio: l.app.p50 / Math.max(s.app.p50, 1e-9), baselineRatio: null, measure: 'p50 ms' });
  }
  for (const l of large.jobs) {
    const s = small.jobs.find((x) => x.name === l.name);
    const perItem = (j: JobRun, seconds = j.seconds) => (seconds * 1e6) / Math.max(j.items, 1);
    const baselineRatio =
      s && s.baselineSeconds !== undefined && l.baselineSeconds !== undefined ? perItem(l, l.baselineSeconds) / Math.max(perItem(s, s.baselineSeconds), 1e-9) : null;
    if (s) rows.push({ name: l.name, small: perItem(s), large: perItem(l), ratio: perItem(l) / Math.max(perItem(s), 1e-9), baselineRatio, measure: 'µs per item' });
  }
  return rows;
}

/** The servers' CPU per request and the baseline's share of the app's (1.00x: the same work). */
function cpuCell(s: ScenarioSummary): string {
  const app = s.app.cpuUsPerRequest;
  const baseline = s.baseline.cpuUsPerRequest;
  if (app === null) return '-';
  if (baseline === null || s.ratio === null) return app.toFixed(0);
  return `${app.toFixed(0)} / ${baseline.toFixed(0)} (${(baseline / Math.max(app, 1e-9)).toFixed(2)}x)`;
}

function table(header: string[], rows: string[][]): { text: string[]; markdown: string[] } {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return {
    text: [line(header), ...rows.map(line)],
    markdown: [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)],
  };
}

/** Prints the tables and writes <resultsDir>/<date>[-short|-scales].json and .md. */
export function writeReport(options: Options, runs: ScaleRun[]): void {
  const sections: { title: string; text: string[]; markdown: string[] }[] = [];
  const scales = runs.map((run) => {
    const summary = summarise(run.results);
    const scope = runs.length > 1 ? ` at ${run.students} students` : '';
    if (summary.length > 0) {
      sections.push({
        title: `HTTP scenarios${scope}`,
        ...table(
          ['scenario', 'app req/s', 'app p50/p99 ms', 'baseline req/s', 'baseline p50/p99 ms', 'app/baseline', 'CPU µs/req app / baseline', 'non-2xx app/baseline'],
          summary.map((s) => [
            s.scenario,
            s.app.requestsPerSecond.toFixed(0),
            `${s.app.p50.toFixed(1)} / ${s.app.p99.toFixed(1)}`,
            s.baseline.requestsPerSecond.toFixed(0),
            `${s.baseline.p50.toFixed(1)} / ${s.baseline.p99.toFixed(1)}`,
            s.ratio === null ? 'n/a' : `${s.ratio.toFixed(2)}x`,
            cpuCell(s),
            `${s.app.failures} / ${s.baseline.failures}`,
          ]),
        ),
      });
    }
    if (run.jobs.length > 0) {
      sections.push({
        title: `Timed jobs${scope}`,
        ...table(
          ['job', 'outcome', 'items', 'seconds', 'items/s', 'peak RSS MiB', 'baseline s', 'app/baseline time'],
          run.jobs.map((j) => [
            j.name,
            j.ok ? 'ok' : 'FAILED',
            String(j.items),
            j.seconds.toFixed(2),
            (j.items / Math.max(j.seconds, 1e-9)).toFixed(0),
            j.peakRssMiB === undefined ? '-' : j.peakRssMiB.toFixed(0),
            j.baselineSeconds === undefined ? '-' : j.baselineSeconds.toFixed(2),
            j.baselineSeconds === undefined ? '-' : `${(j.seconds / j.baselineSeconds).toFixed(2)}x`,
          ]),
        ),
      });
    }
    return { students: run.students, seedSeconds: run.seedSeconds, seedSteps: run.seedSteps, summary, jobs: run.jobs, runs: run.results };
  });
  const comparison = runs.length === 2 ? compareScales(runs[0], runs[1]) : null;
  if (comparison) {
    sections.push({
      title: `Scale comparison, ${runs[0].students} vs ${runs[1].students} students (target for the lists and the audit query: large/small <= 1.5x)`,
      ...table(
        ['scenario', 'measure', `at ${runs[0].students}`, `at ${runs[1].students}`, 'large/small', 'hand-written large/small'],
        comparison.map((c) => [
          c.name,
          c.measure,
          c.small.toFixed(1),
          c.large.toFixed(1),
          `${c.ratio.toFixed(2)}x`,
          c.baselineRatio === null ? '-' : `${c.baselineRatio.toFixed(2)}x`,
        ]),
      ),
    });
  }
  for (const section of sections) {
    out('');
    out(section.title);
    for (const line of section.text) out(line);
  }

  const date = new Date().toISOString();
  const seeded = runs.map((r) => `${r.students} students seeded in ${r.seedSeconds.toFixed(1)} s`).join('; ');
  const markdown = [
    `# Benchmark ${date}`,
    '',
    `${options.duration} s per run after ${options.warmup} s of warm-up per target, ${options.connections} connections, ${options.rounds} round(s)${options.short ? ' (short mode)' : ''}; ` +
      `${seeded}; Node ${process.version}.`,
    ...sections.flatMap((s) => ['', `## ${s.title}`, '', ...s.markdown]),
    '',
  ].join('\n');
  mkdirSync(options.resultsDir, { recursive: true });
  const suffix = runs.length > 1 ? '-scales' : options.short ? '-short' : '';
  const base = join(options.resultsDir, `${date.replace(/[:.]/g, '-')}${suffix}`);
  writeFileSync(`${base}.json`, `${JSON.stringify({ date, options, node: process.version, scales, comparison }, null, 2)}\n`);
  writeFileSync(`${base}.md`, markdown);
  log(`[bench] wrote ${base}.json and .md`);
}
