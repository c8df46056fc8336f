/**
 * The contract check: does an HTTP answer match what the OpenAPI document promises?
 *
 * A client generated from the document (issue #16) trusts it blindly: an undocumented status
 * becomes an unhandled case, a field documented as a string that arrives as null becomes a crash
 * in the console. So every answer the end-to-end suite receives is held against the document:
 *
 * - the operation exists for the method and route;
 * - the status is documented (an explicit code, else a `4XX`-style range, else `default`);
 * - the media type is documented for that status (parameters such as `charset` aside);
 * - a body arrives exactly when the document describes content (204 and HEAD answers have none);
 * - a JSON (or `+json`) body validates, with ajv, against the schema documented for that status and
 *   media type. Other bodies (CSV, iCalendar, HTML, images) are checked for their media type only.
 *
 * Schemas are compiled once per operation, status and media type. Answers of routes the app does
 * not have (no route template: the 404 `route.not_found`) are not the contract's business.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import { COMPONENTS_SCHEMA_ID, toJsonSchema } from './json-schema.js';
import { HTTP_METHODS, isReference, type OpenApiDocument, type OpenApiOperation, type OpenApiResponse } from './openapi-document.js';

/** One answer as the app sent it. */
export interface ContractAnswer {
  method: string;
  /** Fastify's route template, `/api/v1/alerts/:alertId/acknowledge`; undefined when no route matched. */
  route: string | undefined;
  status: number;
  contentType: string | undefined;
  /** The payload as sent; null when it streams (then only the status and media type are checked). */
  body: string | null;
}

export type ContractViolationKind =
  | 'unknown-operation'
  | 'undocumented-status'
  | 'undocumented-media-type'
  | 'unexpected-body'
  | 'missing-body'
  | 'invalid-body'
  | 'unusable-schema'
  /** The check itself threw: a bug here, not in the API. */
  | 'check-failed';

export interface ContractViolation {
  kind: ContractViolationKind;
  /** `POST /api/v1/alerts/{alertId}/acknowledge`, in the document's terms. */
  operation: string;
  operationId: string | undefined;
  status: number;
  message: string;
  /** The start of the body, for the violations about it. */
  body?: string;
}

interface LocatedOperation {
  method: string;
  path: string;
  operation: OpenApiOperation;
}

const MAX_SCHEMA_ERRORS = 10;
const BODY_EXCERPT = 300;
const VALUE_EXCERPT = 80;

export class ContractValidator {
  private readonly ajv: Ajv;
  /** By `METHOD shape`, where a shape names no parameter (`/alerts/{}`), so `:id` and `{alertId}` meet. */
  private readonly operations = new Map<string, LocatedOperation>();
  private readonly validators = new Map<string, ValidateFunction | Error>();
  private readonly componentsError: Error | undefined;

  constructor(private readonly document: OpenApiDocument) {
    // Strict mode stays on, so that a misspelt keyword or an unknown format in the document fails
    // loudly; only its type-pairing hints are off: OpenAPI schemas legitimately put `properties`
    // beside an `allOf` without `type: object`. Compiling already refuses a keyword of the wrong
    // shape (`required: true`), so the meta-schema pass is skipped: it cost ~90 ms per test file.
    this.ajv = new Ajv({ allErrors: true, strictTypes: false, strictTuples: false, validateSchema: false });
    formats.default(this.ajv);
    try {
      const definitions = Object.fromEntries(Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => [name, toJsonSchema(schema)]));
      this.ajv.addSchema({ $id: COMPONENTS_SCHEMA_ID, definitions });
    } catch (error) {
      this.componentsError = error as Error;
    }
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of HTTP_METHODS) {
        const operation = item[method];
        if (operation) this.operations.set(`${method.toUpperCase()} ${shapeOf(path)}`, { method: method.toUpperCase(), path, operation });
      }
    }
  }

  /** The violations of one answer, as readable lines; empty when the answer keeps the contract. */
  check(answer: ContractAnswer): string[] {
    return this.violations(answer).map(describeViolation);
  }

  violations(answer: ContractAnswer): ContractViolation[] {
    if (answer.route === undefined) return [];
    const method = answer.method.toUpperCase();
    const path = documentPathOf(answer.route);
    const located = this.locate(method, path);
    const { status } = answer;
    if (!located) {
      return [{ kind: 'unknown-operation', operation: `${method} ${path}`, operationId: undefined, status, message: 'the document has no such operation' }];
    }
    const operation = `${located.method} ${located.path}`;
    const violation = (kind: ContractViolationKind, message: string, body?: string): ContractViolation => ({
      kind,
      operation,
      operationId: located.operation.operationId,
      status,
      message,
      ...(body === undefined ? {} : { body: excerpt(body, BODY_EXCERPT) }),
    });

    const responses = located.operation.responses ?? {};
    const statusKey = documentedStatus(responses, status);
    if (statusKey === undefined) {
      return [violation('undocumented-status', `status ${status} is not documented (documented: ${Object.keys(responses).join(', ') || 'none'})`)];
    }
    const response = this.resolveResponse(responses[statusKey]);
    if (response === undefined) return [violation('unusable-schema', `response ${statusKey} is a $ref the document does not hold`)];
    const content = Object.entries(response.content ?? {});

    const bodiless = method === 'HEAD' || status === 204 || status === 304 || status < 200;
    if (answer.body === '') {
      if (content.length > 0 && !bodiless) return [violation('missing-body', `the document describes ${content.map(([type]) => type).join(', ')} but the body is empty`)];
      return [];
    }
    if (content.length === 0) {
      if (answer.body === null || bodiless) return [];
      return [violation('unexpected-body', `the document describes no content for ${statusKey} but a ${mediaTypeOf(answer.contentType) ?? 'body without a content type'} arrived`, answer.body)];
    }

    const mediaType = mediaTypeOf(answer.contentType);
    const documented = mediaType === undefined ? undefined : matchMediaType(content, mediaType);
    if (documented === undefined) {
      const listed = content.map(([type]) => type).join(', ');
      return [violation('undocumented-media-type', `${mediaType ?? 'no content type'} is not documented for ${statusKey} (documented: ${listed})`)];
    }
    const [documentedType, media] = documented;
    if (answer.body === null || bodiless || media.schema === undefined || !isJson(mediaType!)) return [];

    let data: unknown;
    try {
      data = JSON.parse(answer.body);
    } catch {
      return [violation('invalid-body', `the ${mediaType} body is not JSON`, answer.body)];
    }
    const validate = this.validatorFor(`${operation} ${statusKey} ${documentedType}`, media.schema);
    if (validate instanceof Error) return [violation('unusable-schema', `the schema for ${statusKey} ${documentedType} does not compile: ${validate.message}`)];
    if (validate(data)) return [];
    return [violation('invalid-body', describeSchemaErrors(validate.errors ?? [], data), answer.body)];
  }

  private locate(method: string, path: string): LocatedOperation | undefined {
    const shape = shapeOf(path);
    return this.operations.get(`${method} ${shape}`) ?? (method === 'HEAD' ? this.operations.get(`GET ${shape}`) : undefined);
  }

  private resolveResponse(response: OpenApiResponse | { $ref: string } | undefined): OpenApiResponse | undefined {
    if (!isReference(response)) return response;
    const name = response.$ref.replace(/^#\/components\/responses\//, '');
    return this.resolveResponse(name === response.$ref ? undefined : this.document.components?.responses?.[name]);
  }

  private validatorFor(key: string, schema: unknown): ValidateFunction | Error {
    let validate = this.validators.get(key);
    if (validate === undefined) {
      try {
        if (this.componentsError) throw this.componentsError;
        validate = this.ajv.compile(toJsonSchema(schema) as object);
      } catch (error) {
        validate = error as Error;
      }
      this.validators.set(key, validate);
    }
    return validate;
  }
}

export function describeViolation(v: ContractViolation): string {
  return `${v.operation}${v.operationId ? ` (${v.operationId})` : ''} answered ${v.status}: ${v.message}`;
}

/** Fastify's `/alerts/:alertId` (or a `*` wildcard) as the document writes it: `/alerts/{alertId}`. */
export function documentPathOf(route: string): string {
  const path = route
    .replace(/:([A-Za-z0-9_]+)(\([^)]*\))?\??/g, '{$1}')
    .replace(/\*/g, '{*}');
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

function shapeOf(path: string): string {
  return path.replace(/\{[^}]*\}/g, '{}');
}

function documentedStatus(responses: Record<string, unknown>, status: number): string | undefined {
  const range = `${Math.floor(status / 100)}XX`;
  return [String(status), range, range.toLowerCase(), 'default'].find((key) => responses[key] !== undefined);
}

function mediaTypeOf(contentType: string | undefined): string | undefined {
  const type = contentType?.split(';')[0].trim().toLowerCase();
  return type || undefined;
}

function matchMediaType<T>(content: [string, T][], mediaType: string): [string, T] | undefined {
  const byType = new Map(content.map(([type, media]) => [mediaTypeOf(type), [type, media] as [string, T]]));
  return byType.get(mediaType) ?? byType.get(`${mediaType.split('/')[0]}/*`) ?? byType.get('*/*');
}

function isJson(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

function describeSchemaErrors(errors: ErrorObject[], data: unknown): string {
  const lines = errors.slice(0, MAX_SCHEMA_ERRORS).map((error) => {
    const where = error.instancePath || '(body)';
    let detail = '';
    if (error.keyword === 'additionalProperties') detail = `: ${String(error.params.additionalProperty)}`;
    else if (error.keyword === 'enum') detail = `: ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    const value = valueAt(data, error.instancePath);
    const got = value !== null && typeof value === 'object' ? '' : ` (got ${excerpt(JSON.stringify(value) ?? 'undefined', VALUE_EXCERPT)})`;
    return `${where} ${error.message ?? error.keyword}${detail}${got}`;
  });
  const more = errors.length > MAX_SCHEMA_ERRORS ? `; and ${errors.length - MAX_SCHEMA_ERRORS} more` : '';
  return `the body does not match the schema: ${lines.join('; ')}${more}`;
}

function valueAt(data: unknown, pointer: string): unknown {
  if (!pointer) return data;
  let value = data;
  for (const token of pointer.slice(1).split('/')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[token.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return value;
}

function excerpt(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}... (${text.length} characters)` : text;
}
