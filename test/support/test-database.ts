import { randomBytes } from 'node:crypto';
import pg from 'pg';

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with npm test (jest's global setup sets it)`);
  return value;
}

function urlOf(name: string): string {
  const url = new URL(requireEnv('TEST_ADMIN_URL'));
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh database cloned from the migrated template (or, `migrated: false`, an empty one); `drop` removes it. */
export interface TestDatabase {
  name: string;
  /** The owner's (superuser's) URL; the application's pool runs as campus_care_app on it. */
  url: string;
  /** One statement as the owner, for what the application role may not do (schema changes, tampering). */
  asOwner<T = unknown>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

export async function createTestDatabase({ migrated = true }: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const name = `cc_test_${requireEnv('TEST_RUN_ID')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: requireEnv('TEST_ADMIN_URL') });
  await admin.connect();
  try {
    const template = migrated ? requireEnv('TEST_TEMPLATE_DATABASE') : "template0 ENCODING 'UTF8'";
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const url = urlOf(name);
  return {
    name,
    url,
    asOwner: async <T>(sql: string, params: unknown[] = []) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows as T[];
      } finally {
        await client.end();
      }
    },
    drop: async () => {
      const client = new pg.Client({ connectionString: requireEnv('TEST_ADMIN_URL') });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
