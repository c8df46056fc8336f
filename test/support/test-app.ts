import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { DataSource } from 'typeorm';
import { Clock, configureHttpApp, createFastifyAdapter } from '#core';
import { AppModule } from '../../apps/api/src/app.module.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  app: NestFastifyApplication;
  /** supertest bound to the app: `t.http.get('/api/v1/...')`. */
  http: TestAgent;
  dataSource: DataSource;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * The real application (every module, the real HTTP configuration) on a database of its own.
 * Pass a ManualClock to control time; extra modules add test-only routes. Pass another app's
 * `database` to run a second instance on it (a deployment of several servers); closing that
 * instance leaves the database to its owner.
 */
export async function createTestApp(options: { clock?: Clock; extraModules?: Type[]; database?: TestDatabase } = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  process.env.DATABASE_URL = database.url;

  let builder = Test.createTestingModule({ imports: [AppModule, ...(options.extraModules ?? [])] });
  if (options.clock) builder = builder.overrideProvider(Clock).useValue(options.clock);
  const moduleRef = await builder.compile();

  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), { logger: false });
  await configureHttpApp(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();

  return {
    app,
    http: request(app.getHttpServer()),
    dataSource: app.get(DataSource),
    database,
    close: async () => {
      await app.close();
      if (!options.database) await database.drop();
    },
  };
}
