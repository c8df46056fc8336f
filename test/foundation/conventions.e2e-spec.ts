import { Writable } from 'node:stream';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import { pino } from 'pino';
import { AppLogger } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ProbeModule } from '../support/probe.module.js';

const PROBE_ID = '7f1c2a34-5b6d-4e8f-9a0b-1c2d3e4f5a6b';

function expectProblem(res: { status: number; headers: Record<string, string>; body: Record<string, unknown> }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code, title: expect.any(String), type: expect.stringMatching(/^\/problems\//) });
}

describe('HTTP conventions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ extraModules: [ProbeModule] });
    await t.database.asOwner(`
      CREATE TABLE probe_items (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), created_at timestamptz(3) NOT NULL);
      GRANT SELECT ON probe_items TO campus_care_app;
      INSERT INTO probe_items (created_at)
        SELECT timestamptz '2026-09-01 00:00:00+00' + (g / 3) * interval '1 minute' FROM generate_series(1, 120) g;`);
  });
  afterAll(async () => t.close());

  it('answers an unknown route with a 404 problem', async () => {
    const res = await t.http.get('/api/v1/no-such-thing');
    expectProblem(res, 404, 'route.not_found');
  });

  it('accepts a valid body', async () => {
    const res = await t.http.post(`/api/v1/probes/${PROBE_ID}`).send({ name: '张三', count: 2 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ probeId: PROBE_ID, name: '张三', count: 2 });
  });

  it('rejects malformed JSON with 400', async () => {
    const res = await t.http.post(`/api/v1/probes/${PROBE_ID}`).set('content-type', 'application/json').send('{"name": ');
    expectProblem(res, 400, 'request.malformed');
  });

  it('rejects an unknown field with 400 naming it', async () => {
    const res = await t.http.post(`/api/v1/probes/${PROBE_ID}`).send({ name: 'a', schoolId: PROBE_ID });
    expectProblem(res, 400, 'validation.invalid');
    expect(res.body.errors).toEqual([{ field: 'schoolId', message: expect.any(String) }]);
  });

  it('reports every invalid field', async () => {
    const res = await t.http.post(`/api/v1/probes/${PROBE_ID}`).send({ name: '', count: 11 });
    expectProblem(res, 400, 'validation.invalid');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['count', 'name']);
    expect(res.body.detail).toBe('2 fields are invalid');
  });

  it('rejects a body over 1 MB with 413', async () => {
    const res = await t.http.post(`/api/v1/probes/${PROBE_ID}`).send({ name: 'x'.repeat(2 * 1024 * 1024) });
    expectProblem(res, 413, 'request.too_large');
  });

  it('rejects a malformed UUID in the path with 400, not 500', async () => {
    const res = await t.http.post('/api/v1/probes/not-a-uuid').send({ name: 'a' });
    expectProblem(res, 400, 'validation.invalid');
    expect(res.body.errors).toEqual([{ field: 'probeId', message: 'must be a UUID' }]);
  });

  it('hides the cause of an unexpected error', async () => {
    const res = await t.http.get('/api/v1/probes/failure');
    expectProblem(res, 500, 'internal.error');
    expect(JSON.stringify(res.body)).not.toMatch(/secret|SELECT|students|张三|stack/i);
  });

  describe('the log of an unexpected error', () => {
    /** Routes Nest's Logger (the problem filter's) to an AppLogger at `level` and keeps its lines. */
    function captureLog(level: string): Record<string, unknown>[] {
      const lines: Record<string, unknown>[] = [];
      const stream = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
          callback();
        },
      });
      Logger.overrideLogger(new AppLogger(pino({ level }, stream)));
      return lines;
    }
    afterEach(() => Logger.overrideLogger(false));

    it('names the error and the request, without its stack or message, at info', async () => {
      const lines = captureLog('info');
      const res = await t.http.get('/api/v1/probes/failure').set('x-request-id', 'req-log-1');
      expect(res.status).toBe(500);
      const errors = lines.filter((l) => l.level === 50);
      expect(errors).toEqual([expect.objectContaining({ errName: 'Error', reqId: 'req-log-1', context: 'ProblemDetailsFilter' })]);
      expect(errors[0]).not.toHaveProperty('stack');
      expect(JSON.stringify(lines)).not.toMatch(/secret|SELECT|张三|at ProbeController/);
    });

    it('names the SQLSTATE of a failed query', async () => {
      const lines = captureLog('info');
      await t.http.get('/api/v1/probes/database-failure').set('x-request-id', 'req-log-2');
      expect(lines.filter((l) => l.level === 50)).toEqual([expect.objectContaining({ errName: 'QueryFailedError', code: '42P01', reqId: 'req-log-2' })]);
      expect(JSON.stringify(lines)).not.toMatch(/no_such_table|SELECT|stack/);
    });

    it('keeps the stack for LOG_LEVEL=debug', async () => {
      const lines = captureLog('debug');
      await t.http.get('/api/v1/probes/failure');
      expect(String(lines.find((l) => l.level === 50)?.stack)).toContain('ProbeController');
    });
  });

  it('hides SQL and table names when a query fails', async () => {
    const res = await t.http.get('/api/v1/probes/database-failure');
    expectProblem(res, 500, 'internal.error');
    expect(JSON.stringify(res.body)).not.toMatch(/no_such_table|SELECT|relation/i);
  });

  it('echoes a given x-request-id and makes one otherwise', async () => {
    const given = await t.http.get('/health/live').set('x-request-id', 'req-123');
    expect(given.headers['x-request-id']).toBe('req-123');
    const made = await t.http.get('/health/live');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await t.http.get('/health/live').set('x-request-id', 'bad id with spaces');
    expect(unsafe.headers['x-request-id']).not.toBe('bad id with spaces');
  });

  it('serves the OpenAPI document and the Swagger UI', async () => {
    const json = await t.http.get('/api/docs-json');
    expect(json.status).toBe(200);
    expect(json.body.openapi).toMatch(/^3\./);
    const ui = await t.http.get('/api/docs');
    expect([200, 301, 302]).toContain(ui.status);
  });

  describe('keyset pagination', () => {
    it('walks every row exactly once, in order, 50 at a time', async () => {
      const seen: { id: string; createdAt: string }[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await t.http.get('/api/v1/probes').query(cursor ? { cursor } : {});
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(50);
        seen.push(...res.body.items);
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(new Set(seen.map((s) => s.id)).size).toBe(120);
      const keys = seen.map((s) => `${s.createdAt}|${s.id}`);
      expect(keys).toEqual([...keys].sort());
    });

    it('honours limit and ends with a null cursor', async () => {
      const res = await t.http.get('/api/v1/probes').query({ limit: 200 });
      expect(res.body.items).toHaveLength(120);
      expect(res.body.nextCursor).toBeNull();
    });

    it.each([['0'], ['201'], ['abc'], ['1.5']])('rejects limit=%s with 400', async (limit) => {
      const res = await t.http.get('/api/v1/probes').query({ limit });
      expectProblem(res, 400, 'validation.invalid');
      expect(res.body.errors[0].field).toBe('limit');
    });

    it.each([
      ['garbage'],
      [Buffer.from('{"a":1}').toString('base64url')],
      [Buffer.from('[1]').toString('base64url')],
      [Buffer.from('["not a time","7f1c2a34-5b6d-4e8f-9a0b-1c2d3e4f5a6b"]').toString('base64url')],
      [Buffer.from('["2026-09-01T00:00:00.000Z","not-a-uuid"]').toString('base64url')],
    ])(
      'rejects a forged cursor with 400 (%s)',
      async (cursor) => {
        const res = await t.http.get('/api/v1/probes').query({ cursor });
        expectProblem(res, 400, 'pagination.invalid_cursor');
      },
    );
  });

  describe('health', () => {
    it('is live and ready while the database answers', async () => {
      expect((await t.http.get('/health/live')).status).toBe(200);
      const ready = await t.http.get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.status).toBe('ok');
    });
  });
});

describe('when the database goes away', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ extraModules: [ProbeModule] });
    await t.database.asOwner('CREATE TABLE probe_items (id uuid PRIMARY KEY, created_at timestamptz(3) NOT NULL); GRANT SELECT ON probe_items TO campus_care_app');
    const admin = new pg.Client({ connectionString: process.env.TEST_ADMIN_URL });
    await admin.connect();
    await admin.query(`ALTER DATABASE ${t.database.name} ALLOW_CONNECTIONS false`);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [t.database.name]);
    await admin.end();
  });
  afterAll(async () => t.close());

  it('answers 503 problems, and readiness fails', async () => {
    const list = await t.http.get('/api/v1/probes');
    expectProblem(list, 503, 'database.unavailable');
    expect(list.headers['retry-after']).toBeDefined();
    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(503);
    expect((await t.http.get('/health/live')).status).toBe(200);
  });
});
