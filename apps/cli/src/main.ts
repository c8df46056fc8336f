import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { assertDatabaseReachable, dataSourceOptions, loadAppConfig, runMigrations } from '#core';
import { migrations } from '#migrations';

/**
 * Operator commands: `npm run cli -- <command>`. They work on the database named by
 * DATABASE_URL (the embedded one is started by `npm start`, so set DATABASE_URL to its URL).
 */
const commands: Record<string, { help: string; run: (dataSource: DataSource, args: string[]) => Promise<void> }> = {
  'migration:run': {
    help: 'apply pending migrations',
    run: async (dataSource) => {
      const applied = await runMigrations(dataSource);
      say(applied.length ? `Applied ${applied.map((m) => m.name).join(', ')}` : 'The schema is up to date');
    },
  },
  'migration:revert': {
    help: 'revert the most recent migration',
    run: async (dataSource) => {
      await dataSource.undoLastMigration({ transaction: 'each' });
      say('Reverted the most recent migration');
    },
  },
  'migration:show': {
    help: 'list migrations and whether each is applied',
    run: async (dataSource) => {
      const [{ exists }] = await dataSource.query<{ exists: boolean }[]>(
        `SELECT to_regclass('schema_migrations') IS NOT NULL AS exists`,
      );
      const rows = exists ? await dataSource.query<{ name: string }[]>('SELECT name FROM schema_migrations') : [];
      const applied = new Set(rows.map((r) => r.name));
      for (const migration of dataSource.migrations) say(`${applied.has(migration.name ?? '') ? '[x]' : '[ ]'} ${migration.name}`);
    },
  },
};

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    say('Usage: npm run cli -- <command>\n');
    for (const [key, { help }] of Object.entries(commands)) say(`  ${key.padEnd(20)} ${help}`);
    process.exitCode = name ? 1 : 0;
    return;
  }
  const config = loadAppConfig();
  if (!config.DATABASE_URL) throw new Error('Set DATABASE_URL to the database this command should work on.');
  await assertDatabaseReachable(config.DATABASE_URL);
  const dataSource = new DataSource(dataSourceOptions({ url: config.DATABASE_URL, migrations, poolSize: 2, applicationName: 'campus-care-cli' }));
  await dataSource.initialize();
  try {
    await command.run(dataSource, args);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
