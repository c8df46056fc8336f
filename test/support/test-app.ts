import type { Type } from '@nestjs/common';
import { MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { DataSource } from 'typeorm';
import { API_PREFIX, Clock, configureHttpApp, createFastifyAdapter } from '#core';
import { AppModule } from '../../apps/api/src/app.module.js';
import { ContractCheck, type ContractCheckMode, type RecordedViolation } from './contract/contract-check.js';
import type { ContractValidator } from './contract/contract-validator.js';
import type { OpenApiDocument } from './contract/openapi-document.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  app: NestFastifyApplication;
  /** supertest bound to the app: `t.http.get('/api/v1/...')`. */
  http: TestAgent;
  dataSource: DataSource;
  database: TestDatabase;
  /** The answers so far that broke the API contract (none when CONTRACT_CHECK=off). */
  contractViolations(): RecordedViolation[];
  /** Closes the app; with CONTRACT_CHECK=enforce, then throws when an answer broke the contract. */
  close(): Promise<void>;
}

export interface TestAppOptions {
  clock?: Clock;
  extraModules?: Type[];
  database?: TestDatabase;
  /** The document (or validator) to hold the answers against instead of apps/api/openapi.json. */
  contract?: OpenApiDocument | ContractValidator;
  /** Instead of CONTRACT_CHECK. */
  contractMode?: ContractCheckMode;
}

/**
 * The real application (every module, the real HTTP configuration) on a database of its own.
 * Pass a ManualClock to control time; extra modules add test-only routes. Pass another app's
 * `database` to run a second instance on it (a deployment of several servers); closing that
 * instance leaves the database to its owner. Every answer is held against the API contract
 * (see ContractCheck).
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const contract = ContractCheck.forTestApp({ ...options, testOnlyRoutes: routeBasesOf(options.extraModules ?? []) });
  const database = options.database ?? (await createTestDatabase());
  process.env.DATABASE_URL = database.url;

  let builder = Test.createTestingModule({ imports: [AppModule, ...(options.extraModules ?? [])] });
  if (options.clock) builder = builder.overrideProvider(Clock).useValue(options.clock);
  const moduleRef = await builder.compile();

  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), { logger: false });
  contract.install(app.getHttpAdapter().getInstance());
  await configureHttpApp(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();

  return {
    app,
    http: request(app.getHttpServer()),
    dataSource: app.get(DataSource),
    database,
    contractViolations: () => contract.violations(),
    close: async () => {
      await app.close();
      if (!options.database) await database.drop();
      contract.finish();
    },
  };
}

/**
 * Where the controllers of test-only modules answer (`/api/v1/probes`): routes the API's document
 * does not hold. A controller without a path of its own cannot be told apart, and stays checked.
 */
function routeBasesOf(modules: Type[]): string[] {
  const controllers = modules.flatMap((module) => (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, module) as Type[] | undefined) ?? []);
  return controllers
    .flatMap((controller) => [Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined].flat())
    .map((base) => (base ?? '').replace(/^\/+|\/+$/g, ''))
    .filter((base) => base !== '')
    .map((base) => `/${API_PREFIX}/${base}`);
}
