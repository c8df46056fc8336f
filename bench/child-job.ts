import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '#core';

/**
 * The frame of a timed job run as a child process (bench/jobs.ts): a data source on DATABASE_URL
 * with `poolSize` connections, the job's report printed as one JSON line, the data source closed,
 * and exit code 1 with the stack on failure.
 */
export function runChildJob<Report>(name: string, poolSize: number, job: (dataSource: DataSource) => Promise<Report>): void {
  const main = async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is required');
    const dataSource = new DataSource({ ...dataSourceOptions({ url, poolSize, applicationName: `campus-care-bench-${name}` }), entities: [] });
    await dataSource.initialize();
    try {
      process.stdout.write(`${JSON.stringify(await job(dataSource))}\n`);
    } finally {
      await dataSource.destroy();
    }
  };
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
