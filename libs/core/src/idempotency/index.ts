export * from './idempotency-key.entity.js';
export * from './idempotency.interceptor.js';
export * from './idempotency.module.js';
export * from './not-replayable.decorator.js';
export * from './post.decorator.js';
export * from './response-sealer.js';
