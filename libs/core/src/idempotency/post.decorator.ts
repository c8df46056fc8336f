import { applyDecorators, Post as NestPost, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_PATTERN, IdempotencyInterceptor } from './idempotency.interceptor.js';

/**
 * Nest's `@Post` with the `Idempotency-Key` handling every POST route has. Bound per route rather
 * than as a global interceptor: any interceptor puts Nest's rxjs chain on a route, and reads
 * (most requests) have no use for it. ESLint refuses Nest's own `Post` in the modules.
 */
export function Post(path?: string | string[]): MethodDecorator {
  return applyDecorators(
    NestPost(path),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Makes a retry safe: the same key with the same body within a day answers the first answer again',
      schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source },
    }),
  );
}
