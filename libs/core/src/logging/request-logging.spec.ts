import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { pino } from 'pino';
import { loggablePath, logRequests } from './request-logging.js';

/** A pino logger at `level` that keeps its lines, parsed. */
function capturingLogger(level: string) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      callback();
    },
  });
  return { log: pino({ level }, stream), lines };
}

async function appLoggingAt(level: string) {
  const { log, lines } = capturingLogger(level);
  const app = Fastify({ genReqId: () => 'req-1' });
  logRequests(app, log);
  app.get('/api/v1/students/:id', async () => ({ ok: true }));
  app.get('/api/v1/broken', async () => {
    throw new Error('boom');
  });
  app.get('/health/live', async () => ({ status: 'ok' }));
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  apps.push(app);
  // The hook runs after the answer is sent: wait for its line before looking.
  const get = async (path: string, headers: Record<string, string> = {}) => {
    await (await fetch(`${base}${path}`, { headers })).text();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { get, lines };
}

const apps: ReturnType<typeof Fastify>[] = [];
afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
});

describe('loggablePath', () => {
  it('drops query strings', () => {
    expect(loggablePath('/api/v1/students?name=张三')).toBe('/api/v1/students');
  });

  it('keeps ids but redacts token-like or non-ASCII segments', () => {
    expect(loggablePath('/api/v1/students/7f1c2a34-5b6d-4e8f-9a0b-1c2d3e4f5a6b')).toBe('/api/v1/students/7f1c2a34-5b6d-4e8f-9a0b-1c2d3e4f5a6b');
    expect(loggablePath(`/api/v1/survey/${'a'.repeat(43)}`)).toBe('/api/v1/survey/:redacted');
    expect(loggablePath('/api/v1/search/%E5%BC%A0')).toBe('/api/v1/search/:redacted');
  });
});

describe('logRequests', () => {
  it('logs one line per request with id, method, path without the query, status and time, nothing else', async () => {
    const { get, lines } = await appLoggingAt('info');
    await get('/api/v1/students/s-1?name=%E5%BC%A0', { authorization: 'Bearer secret' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, msg: 'request completed', req: { id: 'req-1', method: 'GET', path: '/api/v1/students/s-1' }, res: { statusCode: 200 } });
    expect(typeof lines[0].responseTime).toBe('number');
    expect(JSON.stringify(lines[0])).not.toMatch(/secret|name=/);
  });

  it('logs server errors at error, even when the level hides ordinary requests', async () => {
    const { get, lines } = await appLoggingAt('warn');
    await get('/api/v1/students/s-1');
    await get('/api/v1/broken');
    expect(lines.map((l) => [l.level, (l.res as { statusCode: number }).statusCode])).toEqual([[50, 500]]);
  });

  it('leaves health checks out', async () => {
    const { get, lines } = await appLoggingAt('info');
    await get('/health/live');
    expect(lines).toEqual([]);
  });
});
