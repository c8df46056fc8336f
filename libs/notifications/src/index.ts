export * from './entities/index.js';
export * from './notifications.module.js';
