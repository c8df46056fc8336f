import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { log } from './log.js';

export interface Server {
  name: string;
  url: string;
  process: ChildProcess;
}

/** Starts `node [nodeArgs] <script>` with the given environment and waits (bounded) until `readyPath` answers 200. */
export async function startServer(
  name: string,
  script: string,
  port: number,
  env: Record<string, string>,
  readyPath: string,
  nodeArgs: string[] = [],
): Promise<Server> {
  // Another run's server on the port would answer the readiness check in place of this one.
  await assertPortFree(name, port);
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}: ${stderr}`);
    try {
      const response = await fetch(`${url}${readyPath}`);
      if (response.ok) {
        log(`[bench] ${name} listening on ${url} (pid ${child.pid})`);
        return { name, url, process: child };
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGTERM');
  throw new Error(`${name} did not become ready within 60 s: ${stderr}`);
}

/** Stops a server it started, by its own process handle; SIGKILL after 10 s. */
export async function stopServer(server: Server): Promise<void> {
  const child = server.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

const CLOCK_TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system) a process has used so far, in ms, from /proc (Linux; undefined
 * elsewhere). CPU per request is steadier than req/s on a shared machine: it does not depend on
 * what else gets the cores meanwhile.
 */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

function assertPortFree(name: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () => reject(new Error(`${name}: port ${port} is in use (another benchmark run?); pick others with --app-port/--baseline-port`)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}
