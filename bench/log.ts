/** The benchmark's console: lines to standard error (progress) and standard output (results). */
export function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

export function out(line: string): void {
  process.stdout.write(`${line}\n`);
}
