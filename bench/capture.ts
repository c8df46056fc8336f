/**
 * Development aid, not part of a run: preload with `node --import ./dist/bench/capture.js` and
 * BENCH_CAPTURE_FILE=<path> to append every SQL statement the process sends (text and values, one
 * JSON line each). This is how the baseline's statements were copied from the application.
 */
import { appendFileSync } from 'node:fs';
import pg from 'pg';

const file = process.env.BENCH_CAPTURE_FILE;
if (file) {
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  (pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: unknown, ...args: unknown[]) {
    const [first, second] = args;
    const text = typeof first === 'string' ? first : (first as { text?: string } | null)?.text;
    const values = Array.isArray(second) ? second : (first as { values?: unknown[] } | null)?.values;
    appendFileSync(file, `${JSON.stringify({ text, values })}\n`);
    return original.apply(this, args);
  };
}
