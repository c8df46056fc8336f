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
 * Pass a ManualClock to control time; extra modules add test-only routes.
 */
export async function createTestApp(options: { clock?: Clock; extraModules?: Type[] } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
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
      await database.drop();
    },
  };
}
