export * from './education.module.js';
export * from './entities/index.js';
export * from './coverage/coverage.service.js';
export type * from './coverage/coverage.dtos.js';
