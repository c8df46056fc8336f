export * from './entities/index.js';
export * from './risk-level.js';
export * from './risk-recompute.job.js';
export * from './risk-register.service.js';
export * from './risk.module.js';
