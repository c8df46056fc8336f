export * from './entities/index.js';
export * from './org.module.js';
