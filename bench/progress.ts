import cliProgress from 'cli-progress';
import { log } from './log.js';

export interface ProgressStep {
  name: string;
  /** Expected work of the step (weighted rows), its share of the bar. */
  units: number;
}

export interface SeedProgress {
  start(index: number): void;
  done(index: number, rows: number): void;
  stop(): void;
}

/**
 * One bar over all seed steps, drawn on standard error (where progress goes; standard output
 * keeps the results) when it is a terminal, else one plain line per step start and end, which
 * is what logs and CI need.
 */
export function seedProgress(steps: ProgressStep[], stream: NodeJS.WriteStream = process.stderr): SeedProgress {
  const total = steps.reduce((sum, s) => sum + s.units, 0);
  const before = (index: number) => steps.slice(0, index).reduce((sum, s) => sum + s.units, 0);
  const seconds = (started: number) => ((Date.now() - started) / 1000).toFixed(1);
  const startedAt: number[] = [];
  if (!stream.isTTY) {
    return {
      start(index) {
        startedAt[index] = Date.now();
        log(`[seed ${index + 1}/${steps.length}] ${steps[index].name} ...`);
      },
      done(index, rows) {
        log(`[seed ${index + 1}/${steps.length}] ${steps[index].name}: ${rows} rows in ${seconds(startedAt[index])} s`);
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'seeding [{bar}] {percentage}% | {duration_formatted} | step {step}/{steps}: {name}',
      hideCursor: true,
      clearOnComplete: false,
      // Redraws while a long statement runs, so the elapsed time keeps moving.
      fps: 2,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { step: 0, steps: steps.length, name: '' });
  return {
    start(index) {
      startedAt[index] = Date.now();
      bar.update(before(index), { step: index + 1, name: steps[index].name });
    },
    done(index, rows) {
      bar.update(before(index + 1), { name: `${steps[index].name}: ${rows} rows in ${seconds(startedAt[index])} s` });
    },
    stop() {
      bar.stop();
    },
  };
}
