import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ContractCheck, contractCheckMode } from './contract-check.js';
import type { ContractAnswer } from './contract-validator.js';
import type { OpenApiDocument } from './openapi-document.js';

const document: OpenApiDocument = {
  openapi: '3.0.0',
  paths: {
    '/api/v1/things/{thingId}': {
      get: {
        operationId: 'getThing',
        responses: { '200': { content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } } } } },
      },
    },
  },
};

const good: ContractAnswer = { method: 'GET', route: '/api/v1/things/:thingId', status: 200, contentType: 'application/json', body: '{"name":"a"}' };
const nameless: ContractAnswer = { ...good, body: '{}' };
const refused: ContractAnswer = { ...good, status: 409, contentType: 'application/problem+json', body: '{"code":"thing.busy"}' };

describe('ContractCheck', () => {
  let dir: string;
  let documentFile: string;
  let reportFile: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'contract-check-'));
    documentFile = path.join(dir, 'openapi.json');
    reportFile = path.join(dir, 'violations.jsonl');
    writeFileSync(documentFile, JSON.stringify(document));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads its mode from CONTRACT_CHECK, report by default, and refuses a misspelt one', () => {
    expect(contractCheckMode(undefined)).toBe('enforce');
    expect(contractCheckMode('')).toBe('enforce');
    expect(contractCheckMode('enforce')).toBe('enforce');
    expect(() => contractCheckMode('strict')).toThrow('CONTRACT_CHECK is enforce, report or off, not "strict"');
  });

  it('report: appends each violation as one JSON line on finish, and fails nothing', () => {
    const check = ContractCheck.forDocumentFile(documentFile, 'report', reportFile);
    for (const answer of [good, nameless, refused]) check.record(answer);
    expect(() => check.finish()).not.toThrow();

    const lines = readFileSync(reportFile, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({ kind: 'invalid-body', operation: 'GET /api/v1/things/{thingId}', operationId: 'getThing', status: 200, test: expect.stringContaining('report: appends') }),
      expect.objectContaining({ kind: 'undocumented-status', status: 409, testFile: 'test/support/contract/contract-check.spec.ts' }),
    ]);
  });

  it('enforce: throws every violation on finish, by operation, each once with its count', () => {
    const check = ContractCheck.forDocumentFile(documentFile, 'enforce', reportFile);
    for (const answer of [nameless, good, nameless, refused]) check.record(answer);
    expect(() => check.finish()).toThrow(
      [
        '3 answers broke the API contract (2 distinct violations):',
        'GET /api/v1/things/{thingId} (getThing)',
        "  2x answered 200: the body does not match the schema: (body) must have required property 'name'",
        `     first in: ${expect.getState().currentTestName}`,
        '     body: {}',
        '  1x answered 409: status 409 is not documented (documented: 200)',
        `     first in: ${expect.getState().currentTestName}`,
      ].join('\n'),
    );
    expect(existsSync(reportFile)).toBe(false);
  });

  it('without the document: report and off do nothing, enforce refuses to start', () => {
    const missing = path.join(dir, 'no-such.json');
    for (const mode of ['report', 'off'] as const) {
      const check = ContractCheck.forDocumentFile(missing, mode, reportFile);
      check.record(nameless);
      check.finish();
      expect(check.violations()).toEqual([]);
    }
    expect(existsSync(reportFile)).toBe(false);
    expect(() => ContractCheck.forDocumentFile(missing, 'enforce', reportFile)).toThrow(/CONTRACT_CHECK=enforce, but there is no .*no-such\.json/);
  });

  it('off: looks at nothing even with the document', () => {
    const check = ContractCheck.forDocumentFile(documentFile, 'off', reportFile);
    check.record(nameless);
    expect(check.violations()).toEqual([]);
  });
});
