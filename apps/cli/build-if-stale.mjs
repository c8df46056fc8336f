// `npm run cli` builds first only when a source changed since the last build: a full
// `npm run build` takes from 10 s (nothing changed) to a minute, which every CLI call paid.
// `npm run build` brackets itself with `--begin` and `--end`, so the stamp in dist/ carries the
// time its last successful build started, and an edit made during a build still counts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = path.join(root, 'dist');
const started = path.join(dist, '.build-started');
const stamp = path.join(dist, '.build-stamp');
const inputs = ['apps', 'libs', 'migrations', 'bench', 'tsconfig.json', 'package.json', 'package-lock.json'];
const skipped = new Set(['node_modules', 'results']);

/** The newest modification time under `target`, in ms. */
function newest(target) {
  const stat = statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs; // a deleted or renamed file changes its folder
  for (const entry of readdirSync(target)) {
    if (!skipped.has(entry)) latest = Math.max(latest, newest(path.join(target, entry)));
  }
  return latest;
}

const mode = process.argv[2];
if (mode === '--begin') {
  mkdirSync(dist, { recursive: true });
  writeFileSync(started, '');
} else if (mode === '--end') {
  renameSync(started, stamp); // keeps the time the build started
} else {
  const built = statSync(stamp, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const current = existsSync(path.join(dist, 'apps', 'cli', 'src', 'main.js')) && built >= Math.max(...inputs.map((i) => newest(path.join(root, i))));
  if (!current) {
    const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
}
