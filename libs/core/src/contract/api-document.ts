import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OpenAPIObject } from '@nestjs/swagger';

// The sources run from libs/ under jest and from dist/libs/ when built: the root is one level further up there.
const ROOT = new URL(import.meta.url.includes('/dist/libs/') ? '../../../../../' : '../../../../', import.meta.url);

/** The project's folder (where package.json is). */
export const PROJECT_ROOT = fileURLToPath(ROOT);

/** Where the committed OpenAPI document lives: `npm run openapi` writes it. */
export const API_DOCUMENT_PATH = fileURLToPath(new URL('apps/api/openapi.json', ROOT));

let loaded: OpenAPIObject | undefined;

/** The committed contract, read once per process. */
export function loadApiDocument(): OpenAPIObject {
  loaded ??= JSON.parse(readFileSync(API_DOCUMENT_PATH, 'utf8')) as OpenAPIObject;
  return loaded;
}
