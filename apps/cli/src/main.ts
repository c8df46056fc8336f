import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { APPLICATION_ROLE, assertDatabaseReachable, dataSourceOptions, loadAppConfig, retryTransactions, runMigrations } from '#core';
import { ENCRYPTED_COLUMNS, EncryptedColumns, FieldCipher, keyRingOf, loadCryptoConfig, ReencryptionService } from '#crypto';
import { migrations } from '#migrations';
import { allEntities } from './all-entities.js';
import { createAdminCommand } from './commands/create-admin.command.js';
import { seedDemoCommand } from './commands/seed-demo.command.js';
import { sweepRemindersCommand } from './commands/sweep-reminders.command.js';

/**
 * Operator commands: `npm run cli -- <command>`. They work on the database named by
 * DATABASE_URL (the embedded one is started by `npm start`, so set DATABASE_URL to its URL), as
 * the application role; those marked `asOwner` (schema changes, and re-encryption, which rewrites
 * rows the application role may only add, such as session notes) on MIGRATION_DATABASE_URL when set.
 */
const commands: Record<string, { help: string; asOwner?: true; run: (dataSource: DataSource, args: string[]) => Promise<void> }> = {
  'migration:run': {
    help: 'apply pending migrations',
    asOwner: true,
    run: async (dataSource) => {
      const applied = await runMigrations(dataSource);
      say(applied.length ? `Applied ${applied.map((m) => m.name).join(', ')}` : 'The schema is up to date');
    },
  },
  'migration:revert': {
    help: 'revert the most recent migration',
    asOwner: true,
    run: async (dataSource) => {
      await dataSource.undoLastMigration({ transaction: 'each' });
      say('Reverted the most recent migration');
    },
  },
  'schema:diff': {
    help: 'print the SQL that would bring the schema in line with the entities (to draft a migration)',
    asOwner: true,
    run: async (dataSource) => {
      const { upQueries, downQueries } = await dataSource.driver.createSchemaBuilder().log();
      say('-- up');
      for (const q of upQueries) say(`${q.query};`);
      say('-- down');
      for (const q of [...downQueries].reverse()) say(`${q.query};`);
    },
  },
  'create-admin': {
    help: 'create a school\'s first administrator: --school-code X [--school-name Y] --username Z [--display-name N]; password from ADMIN_PASSWORD or stdin',
    run: async (dataSource, args) => say(await createAdminCommand(dataSource, args)),
  },
  'seed:demo': {
    help: 'seed the demo school and accounts (password DEMO_PASSWORD) into DATABASE_URL, migrating it first',
    // It migrates first, which takes the owner.
    asOwner: true,
    run: async (dataSource) => say(await seedDemoCommand(dataSource)),
  },
  'reminders:sweep': {
    help: 'run the holiday reminder sweep once now (the scheduled job runs it every five minutes)',
    run: async (dataSource) => say(await sweepRemindersCommand(dataSource)),
  },
  'migration:show': {
    help: 'list migrations and whether each is applied',
    asOwner: true,
    run: async (dataSource) => {
      const [{ exists }] = await dataSource.query<{ exists: boolean }[]>(
        `SELECT to_regclass('schema_migrations') IS NOT NULL AS exists`,
      );
      const rows = exists ? await dataSource.query<{ name: string }[]>('SELECT name FROM schema_migrations') : [];
      const applied = new Set(rows.map((r) => r.name));
      for (const migration of dataSource.migrations) say(`${applied.has(migration.name ?? '') ? '[x]' : '[ ]'} ${migration.name}`);
    },
  },
  reencrypt: {
    help: 'after a key rotation, re-encrypt values under FIELD_ENCRYPTION_ACTIVE_KEY',
    asOwner: true,
    run: async (dataSource) => {
      // Wired by hand instead of booting Nest: the keys come from the environment and the
      // columns from the static ENCRYPTED_COLUMNS list, which every module appends to.
      const cipher = new FieldCipher(keyRingOf(loadCryptoConfig()));
      const results = await new ReencryptionService(cipher, new EncryptedColumns(ENCRYPTED_COLUMNS)).reencryptAll(dataSource);
      if (results.length === 0) say('No encrypted columns are registered');
      for (const r of results) {
        say(`${r.table}.${r.column}: ${r.reencrypted} re-encrypted under "${cipher.activeKeyId}", ${r.changedConcurrently} edited meanwhile, ${r.undecryptableRowIds.length} undecryptable`);
        if (r.undecryptableRowIds.length > 0) say(`  undecryptable row ids: ${r.undecryptableRowIds.join(', ')}`);
      }
      if (results.some((r) => r.undecryptableRowIds.length > 0)) process.exitCode = 1;
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
  const url = command.asOwner ? (config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL) : config.DATABASE_URL;
  await assertDatabaseReachable(url);
  const role = command.asOwner ? undefined : APPLICATION_ROLE;
  const dataSource = retryTransactions(
    new DataSource({
      ...dataSourceOptions({ url, migrations, poolSize: 2, applicationName: 'campus-care-cli', role }),
      entities: allEntities,
    }),
  );
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
