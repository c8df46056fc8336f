import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { problemFromError } from './problem-from-error.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Sends a problem-details answer for any error; logs server faults without their payloads. */
export function sendProblem(reply: FastifyReply, error: unknown, logger: Pick<Logger, 'error'>): void {
  const problem = problemFromError(error);
  if (problem.status >= 500 && problem.code === 'internal.error') {
    // The request id ties this line to the request's own log line (see logRequests).
    logger.error({ ...describeForLog(error), reqId: (reply.request as { id?: string } | undefined)?.id });
  }
  for (const [name, value] of Object.entries(problem.extensions.headers ?? {})) reply.header(name, value);
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem.toProblem());
}

/**
 * Names and codes only: driver messages and query parameters can hold personal data. The stack
 * (of an error that is not the database's) is kept for the logger, which writes it only at debug.
 */
function describeForLog(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { err: typeof error };
  const { code, constraint, table, routine } = error as Error & Record<string, unknown>;
  const driverError = (error as { driverError?: Record<string, unknown> }).driverError;
  const isDatabaseError = driverError !== undefined || typeof routine === 'string';
  return {
    errName: error.name,
    code: driverError?.code ?? code,
    constraint: driverError?.constraint ?? constraint,
    table: driverError?.table ?? table,
    routine: driverError?.routine ?? routine,
    stack: isDatabaseError ? undefined : error.stack,
    msg: 'Unhandled error while serving a request',
  };
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetailsFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    sendProblem(host.switchToHttp().getResponse<FastifyReply>(), error, this.logger);
  }
}
