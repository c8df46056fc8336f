import type { FastifyInstance } from 'fastify';
import type { RootLogger } from './app-logger.js';

/** Path segments that could be secrets (survey tokens) or personal data are not logged as such. */
export function loggablePath(url: string | undefined): string {
  const path = (url ?? '').split('?')[0];
  return path
    .split('/')
    .map((segment) => (segment.length > 40 || /[^A-Za-z0-9._~-]/.test(segment) ? ':redacted' : segment))
    .join('/');
}

/**
 * One line per finished request: id, method, path (query string dropped), status and time; no
 * bodies, no headers, no personal data. Server errors log at `error`, the rest at `info`, health
 * checks not at all. A hook on the response rather than a per-request child logger or
 * async-context middleware: those cost about a third of a cheap request's CPU (see bench/README.md),
 * and nothing else is logged per request.
 */
export function logRequests(fastify: FastifyInstance, log: RootLogger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const level = reply.statusCode >= 500 ? 'error' : 'info';
    if (log.isLevelEnabled(level) && !request.url.startsWith('/health')) {
      log[level](
        {
          req: { id: request.id, method: request.method, path: loggablePath(request.url) },
          res: { statusCode: reply.statusCode },
          responseTime: Math.round(reply.elapsedTime),
        },
        'request completed',
      );
    }
    done();
  });
}
