import { applyDecorators, Post as NestPost, UseInterceptors } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';

/**
 * Nest's `@Post` with the `Idempotency-Key` handling every POST route has. Bound per route rather
 * than as a global interceptor: any interceptor puts Nest's rxjs chain on a route, and reads
 * (most requests) have no use for it. ESLint refuses Nest's own `Post` in the modules.
 */
export function Post(path?: string | string[]): MethodDecorator {
  return applyDecorators(NestPost(path), UseInterceptors(IdempotencyInterceptor));
}
