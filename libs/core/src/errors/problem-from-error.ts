import { HttpException } from '@nestjs/common';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { retryableSqlState } from '../database/transaction-retry.js';
import type { ProblemCode } from './problem-codes.js';
import { ProblemException, titleFor } from './problem.js';

/** PostgreSQL error codes that mean "the database is not there", not "the request is wrong". */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '3D000', '08000', '08001', '08003', '08006']);
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
/** What the pg driver says, without a code, when a connection is gone or cannot be had. */
const LOST_CONNECTION_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|not currently accepting connections|encountered a connection error and is not queryable|Client was closed and is not queryable/i;

const FASTIFY_CODES: Record<string, [number, ProblemCode, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'request.too_large', 'The request body is larger than allowed'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'request.unsupported_media_type', 'This content type is not accepted here'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'request.malformed', 'The content length does not match the body'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'request.malformed', 'The JSON body is empty'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'request.malformed', 'The body is not valid JSON'],
};

interface ErrorWithCodes {
  code?: unknown;
  statusCode?: unknown;
  driverError?: { code?: unknown };
}

/**
 * Maps anything thrown while serving a request to a client-safe problem. Unknown errors
 * become a bare 500: their messages may carry SQL or personal data and stay in the log only.
 */
export function problemFromError(error: unknown): ProblemException {
  if (error instanceof ProblemException) return error;
  if (error instanceof HttpException) return fromHttpException(error);

  const { code, statusCode, driverError } = (error ?? {}) as ErrorWithCodes;
  if (typeof code === 'string' && FASTIFY_CODES[code]) {
    const [status, problemCode, detail] = FASTIFY_CODES[code];
    return new ProblemException(status, problemCode, detail);
  }
  if (error instanceof SyntaxError && statusCode === 400) {
    return new ProblemException(400, 'request.malformed', 'The body is not valid JSON');
  }
  const sqlState = error instanceof QueryFailedError ? driverError?.code : code;
  if (typeof sqlState === 'string' && (UNAVAILABLE_SQLSTATES.has(sqlState) || UNAVAILABLE_NODE_CODES.has(sqlState))) {
    return databaseUnavailable();
  }
  if (retryableSqlState(error)) {
    // Still deadlocked or unserializable after the transaction's retries (see retryTransactions).
    return new ProblemException(503, 'database.busy', 'The database was too busy to finish this; try again', { headers: { 'retry-after': '1' } });
  }
  if (error instanceof QueryRunnerAlreadyReleasedError || error instanceof QueryRunnerProviderAlreadyReleasedError) {
    // TypeORM releases a query runner the moment its connection fails; the work still running on it then gets these.
    return databaseUnavailable();
  }
  if (error instanceof Error && LOST_CONNECTION_MESSAGES.test(error.message)) {
    return databaseUnavailable();
  }
  if (statusCode === 429) {
    return new ProblemException(429, 'rate_limit.exceeded', 'Too many requests; slow down');
  }
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return new ProblemException(statusCode, 'request.invalid', titleFor(statusCode));
  }
  return new ProblemException(500, 'internal.error', 'Something went wrong on our side; it has been logged');
}

function databaseUnavailable(): ProblemException {
  return new ProblemException(503, 'database.unavailable', 'The database is unavailable; try again shortly', {
    headers: { 'retry-after': '5' },
  });
}

function fromHttpException(error: HttpException): ProblemException {
  const status = error.getStatus();
  switch (status) {
    case 400:
      // Nest's own 400s (an unparsable body); our validation errors are ProblemExceptions already.
      return new ProblemException(400, 'request.malformed', 'The request body could not be parsed');
    case 404:
      return new ProblemException(404, 'route.not_found', 'No such route');
    case 413:
      return new ProblemException(413, 'request.too_large', 'The request body is larger than allowed');
    case 429:
      return new ProblemException(429, 'rate_limit.exceeded', 'Too many requests; slow down');
    case 503:
      return new ProblemException(503, 'service.unavailable', 'The service is not ready');
    default:
      return new ProblemException(status, `http.${status}`, titleFor(status));
  }
}
