import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { PROJECT_ROOT } from '../contract/api-document.js';
import { escapeHtml, selfOnlyPageHeaders } from './page-headers.js';

/** Where `npm run build` puts the staff console (apps/console). */
export const CONSOLE_BUILD_DIR = path.join(PROJECT_ROOT, 'dist', 'console');
export const CONSOLE_PATH = '/console';
/** Vite names each built file by its content: a file never changes under its name. */
const ASSET_CACHE = 'public, max-age=31536000, immutable';

/**
 * Serves the staff console at /console: its built files from `dist/console/assets`, and its page
 * for every other path under /console (the application routes in the browser). Outside the API:
 * the files are no secret, and the data they show comes through the API with its own checks. The
 * survey page's CSP (self only, no inline script or style), never framed.
 */
export async function registerConsole(app: NestFastifyApplication, buildDir = CONSOLE_BUILD_DIR): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const assets = path.join(buildDir, 'assets');
  if (existsSync(assets)) {
    await app.register(fastifyStatic, {
      root: assets,
      prefix: `${CONSOLE_PATH}/assets/`,
      decorateReply: false,
      index: false,
      setHeaders: (res) => {
        void res.header('cache-control', ASSET_CACHE);
        void res.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
      },
    });
  }
  const page = async (_request: unknown, reply: FastifyReply) => {
    const html = await readFile(path.join(buildDir, 'index.html'), 'utf8').catch(() => null);
    void selfOnlyPageHeaders(reply).header('cache-control', 'no-cache').header('content-type', 'text/html; charset=utf-8');
    if (html === null) return reply.status(503).send(notBuiltPage());
    return reply.status(200).send(html);
  };
  fastify.get(CONSOLE_PATH, page);
  fastify.get(`${CONSOLE_PATH}/*`, page);
}

function notBuiltPage(): string {
  const text = 'The staff console is not built: run `npm run build` (npm start does it).';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>campus-care</title></head><body><p>${escapeHtml(text)}</p></body></html>`;
}
