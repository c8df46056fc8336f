export * from './entities/index.js';
export * from './notification.repository.js';
export * from './notifications.module.js';
