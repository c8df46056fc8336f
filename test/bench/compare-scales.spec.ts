import { compareScales, type RunResult, type ScaleRun } from '../../bench/report.js';

const run = (target: 'app' | 'baseline', p50: number): RunResult => ({
  scenario: 'audit-query',
  target,
  round: 1,
  requestsPerSecond: 100,
  p50,
  p99: p50 * 3,
  total: 1000,
  ok: 1000,
  non2xx: 0,
  errors: 0,
  statusCodes: { '200': 1000 },
  cpuUsPerRequest: 500,
});

const scale = (students: number, p50: number, sweep: { seconds: number; baselineSeconds: number; items: number }): ScaleRun => ({
  students,
  seedSeconds: 1,
  seedSteps: [],
  results: [run('app', p50), run('baseline', p50 / 2)],
  jobs: [
    { name: 'reminder-sweep', ok: true, ...sweep },
    { name: 'audit-verify', ok: true, seconds: students / 1000, items: students * 6 },
  ],
});

describe('compareScales', () => {
  it("gives large/small of the app's p50 for HTTP scenarios, and of the time per item for jobs and their hand-written baselines", () => {
    const rows = compareScales(
      scale(20_000, 6, { seconds: 0.2, baselineSeconds: 0.1, items: 2_000 }),
      scale(1_000_000, 9, { seconds: 15, baselineSeconds: 6, items: 100_000 }),
    );
    expect(rows).toEqual([
      { name: 'audit-query', measure: 'p50 ms', small: 6, large: 9, ratio: 1.5, baselineRatio: null },
      // 100 -> 150 µs per reminder for the app, 50 -> 60 for the statement.
      { name: 'reminder-sweep', measure: 'µs per item', small: 100, large: 150, ratio: 1.5, baselineRatio: expect.closeTo(1.2, 10) },
      { name: 'audit-verify', measure: 'µs per item', small: expect.closeTo(1e6 / 6000, 6), large: expect.closeTo(1e6 / 6000, 6), ratio: expect.closeTo(1, 10), baselineRatio: null },
    ]);
  });
});
