import { DataSource } from 'typeorm';
import { APPLICATION_ROLE, dataSourceOptions } from '#core';
import { seedDemoSchool } from '#demo';

/** Seeds the demo school when the database holds no school at all; true when it did. */
export async function seedDemoIfEmpty(url: string, password: string): Promise<boolean> {
  const dataSource = new DataSource(dataSourceOptions({ url, poolSize: 2, applicationName: 'campus-care-seed', role: APPLICATION_ROLE }));
  await dataSource.initialize();
  try {
    const [{ empty }] = await dataSource.query<{ empty: boolean }[]>('SELECT NOT EXISTS (SELECT 1 FROM schools) AS empty');
    return empty && (await seedDemoSchool(dataSource, password));
  } finally {
    await dataSource.destroy();
  }
}
