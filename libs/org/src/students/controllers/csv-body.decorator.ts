import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ProblemException } from '#core';

/**
 * The request body as CSV text. The parser for `text/csv` (with its larger size limit) is
 * registered in configureHttpApp; any other content type is refused here, not guessed at.
 */
export const CsvBody = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType !== 'text/csv' || typeof request.body !== 'string') {
    throw new ProblemException(415, 'request.unsupported_media_type', 'Send the file as text/csv (UTF-8)');
  }
  return request.body;
});
