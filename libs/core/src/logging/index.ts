export * from './app-logger.js';
export * from './logging.module.js';
export * from './request-logging.js';
