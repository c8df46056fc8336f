export * from './postgres-rate-limit-store.js';
export * from './rate-limit-count.entity.js';
export * from './rate-limit.module.js';
export * from './rate-limit.repository.js';
