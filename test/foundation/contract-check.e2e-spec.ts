import { ConflictException, Controller, Get, Module } from '@nestjs/common';
import { Public } from '#core';
import type { OpenApiDocument } from '../support/contract/openapi-document.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const PROBE_ID = '3d5f7a9b-1c2e-4f60-8a1b-2c3d4e5f6a7b';

/** Test-only routes: one keeps the contract below, one breaks its schema, one answers an undocumented status. */
@Public()
@Controller('contract-probes')
class ContractProbeController {
  @Get('kept')
  kept() {
    return { id: PROBE_ID, at: '2026-09-01T08:00:00.000Z', note: null };
  }

  @Get('broken')
  broken() {
    return { id: 42, at: 'tomorrow', note: null };
  }

  @Get('refused')
  refused(): never {
    throw new ConflictException('not now');
  }
}

@Module({ controllers: [ContractProbeController] })
class ContractProbeModule {}

const probe = {
  type: 'object',
  properties: { id: { type: 'string', format: 'uuid' }, at: { type: 'string', format: 'date-time' }, note: { type: 'string', nullable: true } },
  required: ['id', 'at', 'note'],
  additionalProperties: false,
};
const ok = { '200': { description: 'The probe', content: { 'application/json': { schema: { $ref: '#/components/schemas/Probe' } } } } };

const contract: OpenApiDocument = {
  openapi: '3.0.0',
  paths: {
    '/api/v1/contract-probes/kept': { get: { operationId: 'keptProbe', responses: ok } },
    '/api/v1/contract-probes/broken': { get: { operationId: 'brokenProbe', responses: ok } },
    '/api/v1/contract-probes/refused': { get: { operationId: 'refusedProbe', responses: ok } },
  },
  components: { schemas: { Probe: probe } },
};

describe('the contract check of every answer', () => {
  let t: TestApp | undefined;

  afterEach(async () => {
    await t?.close().catch(() => undefined);
    t = undefined;
  });

  it('lets answers that keep the contract pass, and leaves routes the app does not have alone', async () => {
    t = await createTestApp({ extraModules: [ContractProbeModule], contract, contractMode: 'enforce' });
    expect((await t.http.get('/api/v1/contract-probes/kept')).status).toBe(200);
    expect((await t.http.get('/api/v1/no-such-route')).status).toBe(404);

    expect(t.contractViolations()).toEqual([]);
    const app = t;
    t = undefined;
    await expect(app.close()).resolves.toBeUndefined();
  });

  it('collects a body that breaks its schema and an undocumented status, and fails the file on close when enforcing', async () => {
    t = await createTestApp({ extraModules: [ContractProbeModule], contract, contractMode: 'enforce' });
    expect((await t.http.get('/api/v1/contract-probes/broken')).status).toBe(200);
    expect((await t.http.get('/api/v1/contract-probes/broken')).status).toBe(200);
    expect((await t.http.get('/api/v1/contract-probes/refused')).status).toBe(409);

    const testName = expect.getState().currentTestName;
    expect(t.contractViolations()).toEqual([
      expect.objectContaining({ kind: 'invalid-body', operation: 'GET /api/v1/contract-probes/broken', operationId: 'brokenProbe', status: 200, test: testName }),
      expect.objectContaining({ kind: 'invalid-body', operation: 'GET /api/v1/contract-probes/broken' }),
      expect.objectContaining({ kind: 'undocumented-status', operation: 'GET /api/v1/contract-probes/refused', status: 409 }),
    ]);
    expect(t.contractViolations()[0]).toMatchObject({
      message: 'the body does not match the schema: /id must be string (got 42); /at must match format "date-time" (got "tomorrow")',
      testFile: 'test/foundation/contract-check.e2e-spec.ts',
    });

    const app = t;
    t = undefined;
    const closing = app.close();
    await expect(closing).rejects.toThrow('3 answers broke the API contract (2 distinct violations):');
    await expect(closing).rejects.toThrow(/GET \/api\/v1\/contract-probes\/broken \(brokenProbe\)\n {2}2x answered 200: the body does not match/);
    await expect(closing).rejects.toThrow('1x answered 409: status 409 is not documented (documented: 200)');
  });
});
