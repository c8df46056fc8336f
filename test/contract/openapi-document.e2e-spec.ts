import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OpenAPIObject, OperationObject } from '@nestjs/swagger';
import { API_DOCUMENT_PATH, PROBLEM_CODES } from '#core';
import { generateApiDocument } from '../../apps/openapi/src/api-document.js';
import { serverProgram } from '../../apps/openapi/src/program.js';
import { ThrownProblemsAnalysis } from '../../apps/openapi/src/thrown-problems.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

function operationsOf(document: OpenAPIObject): { where: string; operation: OperationObject }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => (item[method] ? [{ where: `${method.toUpperCase()} ${path}`, operation: item[method] }] : [])),
  );
}

/** Every `$ref` in the document, wherever it is. */
function refsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') found.add(child);
      else refsIn(child, found);
    }
  }
  return found;
}

/** The `code` enums of a problem answer's schema (`allOf: [Problem, { properties: { code: { enum } } }]`, or an anyOf of them). */
function problemCodesIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(problemCodesIn);
  if (!value || typeof value !== 'object') return [];
  const { code } = ((value as { properties?: { code?: { enum?: string[] } } }).properties ?? {}) as { code?: { enum?: string[] } };
  return [...(code?.enum ?? []), ...Object.values(value).flatMap(problemCodesIn)];
}

/** Operations that answer a person's browser with HTML, their refusals as notice pages. */
const NOTICE_PAGES = new Set(['getSurveyPage', 'getAlertPage', 'acknowledgeAlertFromPage', 'getReachabilityCheckPage', 'confirmReachableFromPage']);

describe('the OpenAPI document (apps/api/openapi.json)', () => {
  let generated: { document: OpenAPIObject; refusals: string[] };
  const committed = readFileSync(API_DOCUMENT_PATH, 'utf8');
  const document = JSON.parse(committed) as OpenAPIObject;

  beforeAll(async () => {
    generated = await generateApiDocument(ROOT);
  }, 120_000);

  it('is what the code describes, with nothing left imprecise: `npm run openapi` writes it', () => {
    expect(generated.refusals).toEqual([]);
    // Compared as text, as the generator writes it: a diff in review shows every contract change.
    expect(`${JSON.stringify(generated.document, null, 2)}\n` === committed).toBe(true);
  });

  it('gives every operation a client method name, a one-line summary and its permission', () => {
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThan(150);
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const incomplete = operations.filter(({ operation }) => {
      const extensions = operation as OperationObject & { 'x-permission'?: string; 'x-public'?: boolean };
      return (
        !/^[a-z][a-zA-Z0-9]+$/.test(operation.operationId ?? '') ||
        !operation.summary ||
        operation.summary.includes('\n') ||
        (typeof extensions['x-permission'] !== 'string') === (extensions['x-public'] !== true)
      );
    });
    expect(incomplete.map(({ where, operation }) => `${where} (${operation.operationId})`)).toEqual([]);
  });

  it('describes a success answer and problem details for the errors of every operation', () => {
    const missing = operationsOf(document).flatMap(({ where, operation }) => {
      const statuses = Object.keys(operation.responses);
      const problems: string[] = [];
      if (!statuses.some((s) => s.startsWith('2'))) problems.push(`${where}: no success answer`);
      for (const status of statuses.filter((s) => Number(s) >= 400)) {
        const content = Object.keys((operation.responses[status] as { content?: Record<string, unknown> }).content ?? {}).join();
        // The pages people open from a link (the student's survey, a paged alert) answer their refusals as notice pages, in HTML like the page.
        const expected = NOTICE_PAGES.has(operation.operationId ?? '') && ['404', '409', '410'].includes(status) ? 'text/html' : 'application/problem+json';
        if (content !== expected) problems.push(`${where}: ${status} is ${content || 'empty'}, not ${expected}`);
      }
      // A protected route reads the caller's session from the database: it can answer all three.
      const isProtected = typeof (operation as { 'x-permission'?: unknown })['x-permission'] === 'string';
      for (const status of ['401', '403', '503']) if (isProtected && !statuses.includes(status)) problems.push(`${where}: no ${status}`);
      return problems;
    });
    expect(missing).toEqual([]);
  });

  it('resolves every $ref', () => {
    const schemas = document.components?.schemas ?? {};
    const dangling = [...refsIn(document)].filter((ref) => !(ref.replace('#/components/schemas/', '') in schemas));
    expect(dangling).toEqual([]);
  });

  it('lists only registered problem codes, each under its status, and every registered code an operation can answer', () => {
    const listed = new Set<string>();
    const misplaced: string[] = [];
    for (const { where, operation } of operationsOf(document)) {
      for (const [status, response] of Object.entries(operation.responses).filter(([s]) => Number(s) >= 400)) {
        for (const code of problemCodesIn(response)) {
          listed.add(code);
          const registered = PROBLEM_CODES[code as keyof typeof PROBLEM_CODES];
          if (registered?.status !== Number(status)) misplaced.push(`${where} ${status}: ${code}`);
        }
      }
    }
    expect(misplaced).toEqual([]);
    // Answered outside any operation: an unknown route, a crash, a method fastify refuses, a route
    // that declares no permission (the access guard closes it; the conventions test finds none).
    const outsideOperations = ['route.not_found', 'internal.error', 'request.invalid', 'auth.undeclared_route'];
    expect(Object.keys(PROBLEM_CODES).filter((code) => !listed.has(code) && !outsideOperations.includes(code))).toEqual([]);
  });

  it('finds every problem the sources construct answering its code under the registered status', () => {
    const constructions = new ThrownProblemsAnalysis(serverProgram(ROOT)).constructions();
    expect(constructions.length).toBeGreaterThan(100);
    const wrong = constructions.flatMap(({ at, codes, status }) =>
      codes.filter((code) => status !== undefined && PROBLEM_CODES[code as keyof typeof PROBLEM_CODES]?.status !== status).map((code) => `${at}: ${code} as ${status}`),
    );
    expect(wrong).toEqual([]);
  }, 60_000);

  it('names no problem code in the README that is not registered', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const named = [...readme.matchAll(/\b(?:40\d|41\d|42\d|503) `([a-z_]+\.[a-z_]+)`/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((code) => !(code in PROBLEM_CODES))).toEqual([]);
  });
});
