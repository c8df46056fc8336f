import type { RootLogger } from '../logging/index.js';

export interface GracefulStop {
  log: RootLogger;
  /** Stops accepting work, lets what runs finish, closes the pool. */
  close: () => Promise<void>;
  /** Cuts what is still running once the bound has passed (open connections), so that `close` can end. */
  cut?: () => void;
  timeoutMs: number;
  /** What `close` waits for, for the log line ("in-flight requests", "running jobs"). */
  draining: string;
}

/** After the bound, `close` gets this long to end once the connections are cut; then the process just exits. */
const AFTER_CUT_MS = 2_000;

/**
 * SIGTERM and SIGINT stop the process gracefully: what is running finishes, within
 * `timeoutMs`, then the pool is closed and the process exits 0. Past the bound whatever still runs
 * is cut and the exit code is 1; a second signal stops at once.
 */
export function stopOnSignals(stop: GracefulStop): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    stop.log.info({ signal, timeoutMs: stop.timeoutMs }, `Shutting down: finishing ${stop.draining}`);
    let cut = false;
    const bound = setTimeout(() => {
      cut = true;
      stop.log.warn({ timeoutMs: stop.timeoutMs }, `Shutting down: ${stop.draining} did not finish in time; cutting them`);
      stop.cut?.();
      setTimeout(() => process.exit(1), AFTER_CUT_MS).unref();
    }, stop.timeoutMs);
    bound.unref();
    try {
      await stop.close();
    } catch (error) {
      stop.log.error({ err: error instanceof Error ? error.name : String(error) }, 'Shutting down: closing failed');
      process.exit(1);
    }
    clearTimeout(bound);
    stop.log.info('Stopped');
    process.exit(cut ? 1 : 0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown(signal));
}
