import type { DataSource } from 'typeorm';
import { loadAppConfig, runMigrations } from '#core';
import { DEMO_USERS, seedDemoSchool } from '#demo';

/**
 * Seeds the demo school into DATABASE_URL on purpose (never done implicitly outside the embedded
 * database). It migrates first, as `npm start` does, so a database never migrated can be seeded.
 */
export async function seedDemoCommand(dataSource: DataSource): Promise<string> {
  const password = loadAppConfig().DEMO_PASSWORD;
  const applied = await runMigrations(dataSource);
  const migrated = applied.length > 0 ? `Applied ${applied.length} migrations. ` : '';
  if (!(await seedDemoSchool(dataSource, password))) return `${migrated}The demo school already exists; nothing changed.`;
  return `${migrated}DEMO ONLY: seeded the demo school; users ${DEMO_USERS.map((u) => u.username).join(', ')} with password "${password}".`;
}
