export * from './data-source-options.js';
export * from './database.module.js';
export * from './embedded-database.js';
export * from './migrate.js';
export * from './prepare-database.js';
export * from './snake-naming.strategy.js';
export * from './ensure-database.js';
export * from './safe-typeorm-logger.js';
