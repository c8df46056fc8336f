import fastifyHelmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** An API answer is data, never a page: it loads nothing and is never framed. */
const API_CSP = { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] };

/**
 * The Swagger UI loads its own scripts and styles from /api/docs; it writes inline styles
 * (React style attributes, the template's <style>) and uses data: images, but runs no inline script.
 */
const DOCS_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

const DOCS_PATH = /^\/api\/docs(\/|$)/;

/**
 * helmet's headers on every answer (nosniff, frame and referrer policy, HSTS, a CSP: the API's
 * by default, the docs' on the Swagger UI), and `Cache-Control: no-store`, since clinical answers
 * must not sit in a shared cache. Routes that need otherwise set their own (the survey page its
 * stricter CSP, its static files a max-age), which replace these when the answer is sent.
 * Call before any route is registered (the docs' routes are recognised as they are added).
 */
export async function registerSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRoute', (route) => {
    if (DOCS_PATH.test(route.url)) {
      route.config = { ...route.config, helmet: { contentSecurityPolicy: { useDefaults: false, directives: DOCS_CSP } } } as typeof route.config;
    }
  });
  await app.register(fastifyHelmet, { contentSecurityPolicy: { useDefaults: false, directives: API_CSP } });
  fastify.addHook('onRequest', async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
  });
}
