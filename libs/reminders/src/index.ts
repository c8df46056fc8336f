export * from './entities/index.js';
export * from './reminders.module.js';
export * from './rules/rule-catalogue.js';
export * from './rules/default-rules.sql.js';
