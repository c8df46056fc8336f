import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { API_DOCUMENT_PATH } from '#core';
import { generateApiDocument } from './api-document.js';

/**
 * `npm run openapi`: writes the OpenAPI document to apps/api/openapi.json (committed, so that a
 * review shows every change of the contract). `--check` writes nothing and fails when the
 * committed document is not what the code describes. Where the sources do not say an answer
 * precisely (an `any`, a code that is not a literal), it lists them and writes nothing
 * (`--draft` writes the document anyway, for work in progress, and still fails).
 */
async function main(): Promise<void> {
  const root = fileURLToPath(new URL('../../../../', import.meta.url));
  const { document, refusals } = await generateApiDocument(root);
  if (refusals.length > 0) {
    process.stderr.write(`The document would not be true:\n${refusals.map((r) => `- ${r}\n`).join('')}`);
    process.exitCode = 1;
    if (!process.argv.includes('--draft')) return;
  }
  const text = `${JSON.stringify(document, null, 2)}\n`;
  if (process.argv.includes('--check')) {
    const committed = readFileSync(API_DOCUMENT_PATH, 'utf8');
    if (committed !== text) {
      process.stderr.write(`${API_DOCUMENT_PATH} is not what the code describes: run npm run openapi and commit it\n`);
      process.exitCode = 1;
    }
    return;
  }
  writeFileSync(API_DOCUMENT_PATH, text);
  process.stdout.write(`Wrote ${API_DOCUMENT_PATH}\n`);
}

await main();
