import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type INestApplication, RequestMethod } from '@nestjs/common';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { loadApiDocument } from '../contract/api-document.js';
import { Clock } from '../clock/clock.js';
import { AppConfig } from '../config/app-config.js';
import { ProblemDetailsFilter } from '../errors/problem-details.filter.js';
import { AppLogger } from '../logging/app-logger.js';
import { logRequests } from '../logging/request-logging.js';
import { postgresRateLimitStore } from '../rate-limit/postgres-rate-limit-store.js';
import { RateLimitRepository } from '../rate-limit/rate-limit.repository.js';
import { createValidationPipe } from '../validation/validation.js';
import { useTolerantJsonParser } from './request-input.js';
import { registerConsole } from './console-files.js';
import { registerSecurityHeaders } from './security-headers.js';

export const API_PREFIX = 'api/v1';
export const JSON_BODY_LIMIT = 1024 * 1024;
/** CSV uploads (student imports) are bigger than any JSON body; only `text/csv` gets this limit. */
export const CSV_BODY_LIMIT = 20 * 1024 * 1024;

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Takes the caller's `x-request-id` when it is sane, else makes one; the logger reuses it. */
function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  (req as IncomingMessage & { id?: string }).id = id;
  return id;
}

export function createFastifyAdapter(options: { trustProxy?: boolean } = {}): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: JSON_BODY_LIMIT,
    genReqId: requestIdOf,
    trustProxy: options.trustProxy ?? false,
    // Requests are logged by our own hook (logRequests); fastify's logger stays off.
    logger: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
}

type NamedRateLimit = 'survey';
const namedRateLimits = new WeakMap<object, Record<NamedRateLimit, number>>();

/**
 * A per-minute limit taken from configuration when each request arrives (decorators run before
 * the configuration is read): `@RouteConfig({ rateLimit: routeRateLimit('survey') })`.
 */
export function routeRateLimit(name: NamedRateLimit): { max: (request: { server: object }) => number; timeWindow: number } {
  return { max: (request) => namedRateLimits.get(request.server)?.[name] ?? 60, timeWindow: 60_000 };
}

/**
 * Everything an HTTP app needs besides its modules: the `/api/v1` prefix, validation, problem
 * details for every error (Nest's and fastify's own body errors reach the same filter), request ids and the API docs. The server
 * and the tests both call it, so the tests exercise the real configuration.
 */
export async function configureHttpApp(app: NestFastifyApplication, options: { docs?: boolean } = {}): Promise<void> {
  applyApiPrefix(app);
  useTolerantJsonParser(app, JSON_BODY_LIMIT);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  await registerSecurityHeaders(app);

  // Off by default; routes opt in with @RouteConfig({ rateLimit: {} }) (sign-in, refresh) or a
  // named limit from routeRateLimit() (the student survey).
  const config = app.get(AppConfig);
  // Counted in PostgreSQL, so that a limit holds for the deployment rather than per instance.
  const store = postgresRateLimitStore(app.get(RateLimitRepository), app.get(Clock));
  await app.register(fastifyRateLimit, { global: false, max: config.AUTH_RATE_LIMIT_PER_MINUTE, timeWindow: 60_000, store });
  namedRateLimits.set(app.getHttpAdapter().getInstance(), { survey: config.SURVEY_RATE_LIMIT_PER_MINUTE });

  // Only the console's sign-in session reads a cookie (its refresh token); nothing else does.
  await app.register(fastifyCookie);

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: CSV_BODY_LIMIT }, (_request, body, done) => done(null, body));
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  logRequests(fastify, app.get(AppLogger).root);

  await registerConsole(app);

  if (options.docs ?? true) {
    // The committed contract (npm run openapi writes it; a test keeps it equal to the code).
    SwaggerModule.setup('api/docs', app, loadApiDocument(), { jsonDocumentUrl: 'api/docs-json' });
  }
}

/** `/api/v1` before every route but health, the survey page's short links, the alert pages' and the reachability checks' links. */
export function applyApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      // The student survey page and its files: a short link for a QR code.
      { path: 's/:token', method: RequestMethod.GET },
      { path: 's/assets/:file', method: RequestMethod.GET },
      // The one-time page of an alert, from the link in an SMS or email.
      { path: 'a/:token', method: RequestMethod.GET },
      { path: 'a/:token', method: RequestMethod.POST },
      // A duty officer's reachability check, from the link in the test message.
      { path: 'r/:token', method: RequestMethod.GET },
      { path: 'r/:token', method: RequestMethod.POST },
    ],
  });
}

/** The document's title, description and security scheme; the generator adds everything else. */
export function apiDocumentConfig(): Omit<OpenAPIObject, 'paths'> {
  return new DocumentBuilder()
    .setTitle('campus-care API')
    .setDescription(
      'Student mental-health "four-in-one" case management. Every operation names the permission it needs ' +
        '(`x-permission`) and the problem codes each error status can carry; errors are `application/problem+json`.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
}
