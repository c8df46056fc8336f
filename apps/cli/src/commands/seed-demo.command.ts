import type { DataSource } from 'typeorm';
import { loadAppConfig } from '#core';
import { DEMO_USERS, seedDemoSchool } from '#demo';

/** Seeds the demo school into DATABASE_URL on purpose (never done implicitly outside the embedded database). */
export async function seedDemoCommand(dataSource: DataSource): Promise<string> {
  const password = loadAppConfig().DEMO_PASSWORD;
  if (!(await seedDemoSchool(dataSource, password))) return 'The demo school already exists; nothing changed.';
  return `DEMO ONLY: seeded the demo school; users ${DEMO_USERS.map((u) => u.username).join(', ')} with password "${password}".`;
}
