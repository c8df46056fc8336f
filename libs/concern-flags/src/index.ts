export * from './concern-flags.module.js';
export * from './concern-flags.service.js';
export * from './entities/index.js';
export * from './flag-status.js';
