import { DataSource } from 'typeorm';
import { dataSourceOptions } from '#core';
import { migrations } from '#migrations';
import { createTestDatabase } from '../support/test-database.js';
import { createTestApp } from '../support/test-app.js';

describe('database schema', () => {
  it('matches the entities exactly: TypeORM finds nothing to change after the migrations', async () => {
    const t = await createTestApp();
    try {
      const pending = await t.dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('migrates down to nothing and up again: every migration is reversible', async () => {
    const database = await createTestDatabase();
    const dataSource = new DataSource(dataSourceOptions({ url: database.url, migrations, poolSize: 2 }));
    await dataSource.initialize();
    try {
      const tablesBefore = await dataSource.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
      for (let i = 0; i < migrations.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
      const left = await dataSource.query(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`,
      );
      expect(left).toEqual([]);
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      expect(applied).toHaveLength(migrations.length);
      expect(await dataSource.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).toEqual(tablesBefore);
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });
});
