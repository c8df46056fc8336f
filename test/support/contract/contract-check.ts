/**
 * Holds every answer a test app sends against the OpenAPI document (see ContractValidator), so
 * that the document cannot drift from what the API really answers (issue #16).
 *
 * `CONTRACT_CHECK` chooses what a violation does:
 * - `enforce` (the default): closing the test app fails the test file, listing every violation by operation;
 * - `report`: each violation becomes one JSON line of dist/contract-violations.jsonl (emptied by
 *   jest's global setup at the start of a run), and nothing fails: for work on the document;
 * - `off`: answers are not looked at.
 * Without apps/api/openapi.json, `report` and `off` do nothing and `enforce` refuses to start.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { API_DOCUMENT_PATH } from '#core';
import { ContractValidator, type ContractAnswer, type ContractViolation } from './contract-validator.js';
import type { OpenApiDocument } from './openapi-document.js';

export type ContractCheckMode = 'enforce' | 'report' | 'off';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The committed document the server serves (npm run openapi writes it). */
export const CONTRACT_DOCUMENT_PATH = API_DOCUMENT_PATH;
export const CONTRACT_REPORT_PATH = path.join(ROOT, 'dist', 'contract-violations.jsonl');

/**
 * Not the API: Swagger UI and the JSON it reads serve the document itself, which does not
 * describe them; the staff console's page and files are a client of the API.
 */
const SELF_DESCRIBING = /^\/(?:api\/docs(?:[-/]|$)|console(?:\/|$))/;
/** Enough of a non-JSON buffer to tell an empty body from one and to quote its start. */
const NON_JSON_PREFIX = 512;

export function contractCheckMode(value = process.env.CONTRACT_CHECK): ContractCheckMode {
  const mode = value || 'enforce';
  if (mode === 'enforce' || mode === 'report' || mode === 'off') return mode;
  throw new Error(`CONTRACT_CHECK is enforce, report or off, not ${JSON.stringify(value)}`);
}

/** The test file and test that received an answer, for the report. */
interface TestOrigin {
  testFile: string | undefined;
  test: string | undefined;
}

export type RecordedViolation = ContractViolation & TestOrigin;

const documentValidators = new Map<string, ContractValidator | null>();

/** The validator of a document file, read once per test file (jest gives each its own modules); null without the file. */
function validatorOfFile(file: string): ContractValidator | null {
  let validator = documentValidators.get(file);
  if (validator === undefined) {
    validator = existsSync(file) ? new ContractValidator(JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument) : null;
    documentValidators.set(file, validator);
  }
  return validator;
}

export class ContractCheck {
  private readonly found: RecordedViolation[] = [];

  /**
   * `validator` null: nothing to check against. `reportPath` undefined: report mode keeps the
   * violations to itself (a test's own document is that test's business, not the report's).
   */
  constructor(
    private readonly validator: ContractValidator | null,
    readonly mode: ContractCheckMode,
    private readonly reportPath: string | undefined,
    /** Route templates under these (a test's own controllers) are not the API's. */
    private readonly testOnlyRoutes: string[] = [],
  ) {}

  /**
   * The check of apps/api/openapi.json, which skips the test's own routes (`testOnlyRoutes`), or
   * of a test's own document when it passes one, which checks them too.
   */
  static forTestApp(options: { contract?: OpenApiDocument | ContractValidator; contractMode?: ContractCheckMode; testOnlyRoutes?: string[] }): ContractCheck {
    const mode = options.contractMode ?? contractCheckMode();
    if (mode === 'off') return new ContractCheck(null, mode, undefined);
    if (options.contract) {
      const validator = options.contract instanceof ContractValidator ? options.contract : new ContractValidator(options.contract);
      return new ContractCheck(validator, mode, undefined);
    }
    return ContractCheck.forDocumentFile(CONTRACT_DOCUMENT_PATH, mode, CONTRACT_REPORT_PATH, options.testOnlyRoutes);
  }

  static forDocumentFile(file: string, mode: ContractCheckMode, reportPath: string, testOnlyRoutes: string[] = []): ContractCheck {
    if (mode === 'off') return new ContractCheck(null, mode, undefined);
    const validator = validatorOfFile(file);
    if (!validator && mode === 'enforce') {
      throw new Error(`CONTRACT_CHECK=enforce, but there is no ${path.relative(ROOT, file)} to check the answers against`);
    }
    return new ContractCheck(validator, mode, reportPath, testOnlyRoutes);
  }

  /** Looks at every answer the app sends; register before `app.init()`, so that every route has it. */
  install(fastify: FastifyInstance): void {
    if (!this.validator) return;
    fastify.addHook('onSend', (request, reply, payload, done) => {
      const route = request.routeOptions.url;
      if (route !== undefined && !SELF_DESCRIBING.test(route) && !this.isTestOnly(route)) {
        const contentType = reply.getHeader('content-type');
        this.record({
          method: request.method,
          route,
          status: reply.statusCode,
          contentType: contentType === undefined ? undefined : String(contentType),
          body: bodyOf(payload, contentType),
        });
      }
      done(null, payload);
    });
  }

  private isTestOnly(route: string): boolean {
    return this.testOnlyRoutes.some((base) => route === base || route.startsWith(`${base}/`));
  }

  record(answer: ContractAnswer): void {
    if (!this.validator) return;
    let violations: ContractViolation[];
    try {
      violations = this.validator.violations(answer);
    } catch (error) {
      violations = [{ kind: 'check-failed', operation: `${answer.method} ${answer.route}`, operationId: undefined, status: answer.status, message: String(error) }];
    }
    if (violations.length === 0) return;
    const origin = testOrigin();
    for (const violation of violations) this.found.push({ ...violation, ...origin });
  }

  violations(): RecordedViolation[] {
    return [...this.found];
  }

  /** At the app's close: enforce throws every violation, report appends them to the report file. */
  finish(): void {
    if (this.found.length === 0) return;
    if (this.mode === 'enforce') throw new Error(summarize(this.found));
    if (this.mode === 'report' && this.reportPath) {
      appendFileSync(this.reportPath, this.found.map((violation) => `${JSON.stringify(violation)}\n`).join(''));
    }
  }
}

function bodyOf(payload: unknown, contentType: unknown): string | null {
  if (payload === undefined || payload === null) return '';
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) {
    return String(contentType).includes('json') ? payload.toString('utf8') : payload.subarray(0, NON_JSON_PREFIX).toString('latin1');
  }
  return null; // a stream
}

function testOrigin(): TestOrigin {
  const state = typeof expect === 'undefined' ? undefined : expect.getState();
  return { testFile: state?.testPath ? path.relative(ROOT, state.testPath) : undefined, test: state?.currentTestName };
}

/** Every violation once, grouped by operation, with how often it happened and where first. */
export function summarize(violations: RecordedViolation[]): string {
  const byOperation = new Map<string, Map<string, { count: number; first: RecordedViolation }>>();
  for (const violation of violations) {
    const key = `${violation.operation}${violation.operationId ? ` (${violation.operationId})` : ''}`;
    const lines = byOperation.get(key) ?? new Map<string, { count: number; first: RecordedViolation }>();
    byOperation.set(key, lines);
    const line = `answered ${violation.status}: ${violation.message}`;
    const seen = lines.get(line);
    if (seen) seen.count += 1;
    else lines.set(line, { count: 1, first: violation });
  }
  const distinct = [...byOperation.values()].reduce((sum, lines) => sum + lines.size, 0);
  const out = [`${violations.length} answer${violations.length === 1 ? '' : 's'} broke the API contract (${distinct} distinct violations):`];
  for (const [operation, lines] of byOperation) {
    out.push(operation);
    for (const [line, { count, first }] of lines) {
      out.push(`  ${count}x ${line}`);
      if (first.test) out.push(`     first in: ${first.test}`);
      if (first.body) out.push(`     body: ${first.body}`);
    }
  }
  return out.join('\n');
}
