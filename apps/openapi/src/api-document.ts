import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type OpenAPIObject, type OperationObject, type ParameterObject, type ResponseObject, SwaggerModule } from '@nestjs/swagger';
import { apiDocumentConfig, applyApiPrefix, createFastifyAdapter, isProblemCode, PROBLEM_CODES, type ProblemCode } from '#core';
import { AppModule } from '../../api/src/app.module.js';
import { PROBLEM_SCHEMAS, problemResponses } from './problem-answers.js';
import { serverProgram } from './program.js';
import { type RouteHandler, routeHandlers } from './route-handlers.js';
import { type ThrownProblems, ThrownProblemsAnalysis } from './thrown-problems.js';
import { undocumentedInputs } from './documented-inputs.js';
import { type Schema, TypeSchemas } from './type-schemas.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const BODY_CODES: ProblemCode[] = ['validation.invalid', 'request.malformed', 'request.too_deep', 'request.too_large', 'request.unsupported_media_type'];
const DATABASE_CODES: ProblemCode[] = ['database.unavailable', 'database.busy'];
/** Guards that let public routes through untouched: their refusals belong to protected routes only. */
const AUTHENTICATION_STATUSES = new Set([401, 403]);

/**
 * The API's OpenAPI document: Nest's description of the requests (routes, parameters, bodies from
 * the DTO classes), completed from the sources. Each operation's success answer is the schema of
 * its handler's declared return type; its error answers are the problem codes its handler can
 * throw (found by following its calls), plus those of the guards, interceptors and HTTP layer
 * in front of it. Nothing here is written by hand per route.
 */
export async function generateApiDocument(root: string): Promise<{ document: OpenAPIObject; refusals: string[] }> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter(), { preview: true, logger: false });
  applyApiPrefix(app);
  const document = SwaggerModule.createDocument(app, apiDocumentConfig());
  const { byOperationId, globalGuards } = routeHandlers(app);
  await app.close();

  const program = serverProgram(root);
  const checker = program.getTypeChecker();
  const problems = new ThrownProblemsAnalysis(program);
  const schemas = new TypeSchemas(checker);
  const guards = globalGuards.map((name) => problems.ofMethod(name, 'canActivate'));
  const inputRefusals: string[] = [];

  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const handler = byOperationId.get(operation.operationId ?? '');
      if (!handler) throw new Error(`${where}: no route handler for operationId ${operation.operationId}`);
      inputRefusals.push(...undocumentedInputs(operation, handler.inputs, document.components?.schemas ?? {}, where));
      const declaration = problems.method(handler.className, handler.methodName);
      const signature = checker.getSignatureFromDeclaration(declaration);
      if (!signature) throw new Error(`${where}: ${handler.className}.${handler.methodName} has no signature`);
      const answer = schemas.ofReturnType(checker.getReturnTypeOfSignature(signature), `${handler.className}.${handler.methodName}`);
      completeSuccess(operation, answer, handler.produces, where);
      if (handler.notReplayable) dropIdempotencyKey(operation);

      const codes = errorCodesOf(operation, handler, problems, guards);
      // An error status the route declares with content of its own (the survey's notice pages) keeps it.
      const declared = Object.keys(operation.responses).filter((status) => (operation.responses[status] as ResponseObject).content);
      for (const [status, response] of Object.entries(problemResponses(codes, where))) {
        if (!declared.includes(status)) operation.responses[status] = response;
      }
      describePermission(operation);
    }
  }

  // What the sources do not say precisely enough: the document is not written while any remain.
  const refusals = [...new Set([...schemas.problems, ...problems.problems, ...inputRefusals])];
  const requestSchemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  for (const schema of Object.values(requestSchemas)) {
    // Nest copies the description of the first property using a named enum onto the enum itself.
    if (schema.enum && !schema.properties) delete schema.description;
  }
  for (const [name, schema] of Object.entries(schemas.components)) {
    const request = requestSchemas[name];
    if (request && JSON.stringify(sortedEnum(request)) !== JSON.stringify(sortedEnum(schema))) {
      refusals.push(`${name} names both a request schema and a different answer type; rename one`);
    }
  }
  document.components = {
    ...document.components,
    schemas: sortedByKey({ ...requestSchemas, ...PROBLEM_SCHEMAS, ...schemas.components }),
  };
  return { document, refusals };
}

/** Every problem code an operation can answer: its handler's, and those of everything in front of it. */
function errorCodesOf(operation: OperationObject, handler: RouteHandler, problems: ThrownProblemsAnalysis, guards: ThrownProblems[]): Set<string> {
  const thrown = problems.ofMethod(handler.className, handler.methodName);
  const codes = new Set<string>([...thrown.codes, ...handler.alsoAnswers]);
  let touchesDatabase = thrown.touchesDatabase;
  const isProtected = permissionOf(operation) !== undefined;
  const parameters = (operation.parameters ?? []) as ParameterObject[];
  const takesInput = operation.requestBody !== undefined || parameters.some((p) => p.in === 'path' || p.in === 'query');
  for (const guard of guards) {
    // The access guard refuses only on protected routes; the input guard only where there is input.
    const applies = (code: string) => (AUTHENTICATION_STATUSES.has(statusOf(code)) ? isProtected : statusOf(code) !== 400 || takesInput);
    for (const code of guard.codes) if (applies(code)) codes.add(code);
    if (isProtected) touchesDatabase ||= guard.touchesDatabase;
  }
  for (const name of [...handler.guards, ...handler.interceptors]) {
    const bound = problems.ofMethod(name, handler.guards.includes(name) ? 'canActivate' : 'intercept');
    for (const code of bound.codes) codes.add(code);
    touchesDatabase ||= bound.touchesDatabase;
  }
  addHttpLayerCodes(codes, operation, handler, touchesDatabase);
  // Refusals of the access guard and the idempotency interceptor that cannot concern this route.
  codes.delete('auth.undeclared_route');
  if (!handler.notReplayable) codes.delete('idempotency.not_supported');
  else for (const code of ['idempotency.invalid_key', 'idempotency.key_reused', 'idempotency.in_progress']) codes.delete(code);
  return codes;
}

function statusOf(code: string): number {
  return isProblemCode(code) ? PROBLEM_CODES[code].status : 0;
}

/** Validation, body parsing, rate limiting and the database: what the layers in front of every handler can answer. */
function addHttpLayerCodes(codes: Set<string>, operation: OperationObject, handler: RouteHandler, touchesDatabase: boolean): void {
  const parameters = (operation.parameters ?? []) as ParameterObject[];
  if (parameters.some((p) => p.in === 'path' || p.in === 'query')) codes.add('validation.invalid');
  if (operation.requestBody) for (const code of BODY_CODES) codes.add(code);
  if (handler.rateLimited) codes.add('rate_limit.exceeded');
  if (touchesDatabase) for (const code of DATABASE_CODES) codes.add(code);
}

/** The 2xx answers Nest put on the operation (their status follows @HttpCode), given the handler's schema. */
function completeSuccess(operation: OperationObject, answer: Schema | undefined, produces: string[], where: string): void {
  const statuses = Object.keys(operation.responses).filter((status) => status.startsWith('2'));
  if (statuses.length === 0) throw new Error(`${where}: no success answer`);
  for (const status of statuses) {
    const response = operation.responses[status] as ResponseObject;
    // @ApiProduces: the handler sends text (CSV, iCalendar, HTML) or bytes (images) itself; its
    // return type (often void, with the reply written directly) says nothing about them.
    const produced = produces.filter((type) => type !== 'application/json');
    if (produced.length > 0) {
      response.content = Object.fromEntries(produced.map((type) => [type, { schema: textOrBytes(type) }]));
    } else if (answer) {
      response.content = { 'application/json': { schema: answer as never } };
    } else {
      delete response.content;
    }
    response.description ||= response.content ? 'Done' : 'Done; no body';
  }
}

/** A @NotReplayable route refuses Idempotency-Key (400): it is not a header to offer. */
function dropIdempotencyKey(operation: OperationObject): void {
  operation.parameters = (operation.parameters ?? []).filter((p) => !('name' in p) || p.name !== 'Idempotency-Key');
}

function textOrBytes(mediaType: string): Schema {
  return mediaType.startsWith('image/') && mediaType !== 'image/svg+xml' ? { type: 'string', format: 'binary' } : { type: 'string' };
}

function describePermission(operation: OperationObject): void {
  const permission = permissionOf(operation);
  const needs = permission !== undefined ? `Needs the permission \`${permission}\`.` : 'Public: no access token needed.';
  operation.description = operation.description ? `${operation.description}\n\n${needs}` : needs;
}

/** What @RequirePermission put on the operation (`x-permission`); undefined on public routes. */
function permissionOf(operation: OperationObject): string | undefined {
  const permission = (operation as OperationObject & { 'x-permission'?: unknown })['x-permission'];
  return typeof permission === 'string' ? permission : undefined;
}

/** A named enum as compared across requests and answers: its values, in order. */
function sortedEnum(schema: Schema): Schema {
  return schema.enum ? { type: schema.type, enum: [...schema.enum].sort() } : schema;
}

function sortedByKey<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
