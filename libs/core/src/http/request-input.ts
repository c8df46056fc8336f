import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { type FieldError, BadRequestProblem, type ProblemException, validationProblem } from '../errors/problem.js';
import { problemFromError } from '../errors/problem-from-error.js';

/** Deeper than any body of this API (a survey's answers are 3 levels); class-transformer recurses. */
export const MAX_JSON_DEPTH = 32;
const MAX_REPORTED_FIELDS = 20;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a text cannot be stored: PostgreSQL refuses NUL (22021), the field cipher a lone surrogate. */
export function textFault(text: string): string | undefined {
  if (text.includes('\0')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text (it holds an unpaired surrogate)';
  return undefined;
}

/**
 * Walks parsed input once, without recursion: too deep answers 400 `request.too_deep`, text that
 * cannot be stored answers 400 `validation.invalid` naming the fields (`answers.phq9.note`).
 */
export function inputProblemIn(value: unknown, path = ''): ProblemException | undefined {
  const errors: FieldError[] = [];
  const pending: [unknown, string, number][] = [[value, path, 0]];
  while (pending.length > 0 && errors.length < MAX_REPORTED_FIELDS) {
    const [current, at, depth] = pending.pop() as [unknown, string, number];
    if (typeof current === 'string') {
      const fault = textFault(current);
      if (fault) errors.push({ field: at || 'body', message: fault });
    } else if (typeof current === 'object' && current !== null) {
      if (depth >= MAX_JSON_DEPTH) {
        return new BadRequestProblem('request.too_deep', `The body is nested deeper than ${MAX_JSON_DEPTH} levels`);
      }
      for (const [key, child] of Object.entries(current)) {
        const field = at ? `${at}.${key}` : key;
        const keyFault = textFault(key);
        if (keyFault) errors.push({ field, message: `its name ${keyFault}` });
        pending.push([child, field, depth + 1]);
      }
    }
  }
  return errors.length > 0 ? validationProblem(errors) : undefined;
}

const INPUT_PROBLEM = Symbol('campus-care:input-problem');
type WithInputProblem = { [INPUT_PROBLEM]?: ProblemException };

/**
 * The JSON body parser: it never fails the request itself (so that a caller without a valid token
 * gets 401, not 400, whatever the body). A body that does not parse, is too deep or holds text
 * that cannot be stored is kept on the request as a problem, and the body left empty;
 * RequestInputGuard raises it after the access guard. A body over the limit still answers 413 first.
 */
export function useTolerantJsonParser(app: NestFastifyApplication, bodyLimit: number): void {
  app.useBodyParser('application/json', { bodyLimit }, tolerantJsonParser(app.getHttpAdapter().getInstance()));
}

function tolerantJsonParser(fastify: FastifyInstance) {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  return (request: object, body: Buffer | string, done: (error: Error | null, body?: unknown) => void): void => {
    parseJson(request as never, body as string, (error: Error | null, parsed?: unknown) => {
      const problem = error ? problemFromError(error) : inputProblemIn(parsed);
      if (problem) (request as WithInputProblem)[INPUT_PROBLEM] = problem;
      done(null, problem ? undefined : parsed);
    });
  };
}

/**
 * Raises the problem the body parser kept, or one in the query string or path parameters. Runs
 * after the access guard (registered after it), so authentication comes first; public routes
 * (sign-in, the survey) get their 400 here too.
 */
@Injectable()
export class RequestInputGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<WithInputProblem & { query?: unknown; params?: unknown; body?: unknown }>();
    const problem =
      request[INPUT_PROBLEM] ??
      inputProblemIn(request.query) ??
      inputProblemIn(request.params) ??
      (typeof request.body === 'string' ? inputProblemIn(request.body) : undefined);
    if (problem) throw problem;
    return true;
  }
}
