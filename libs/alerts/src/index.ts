export * from './alert-deadlines.js';
export * from './alerts.module.js';
export * from './alerts.service.js';
export * from './entities/index.js';
export * from './escalation/alert-escalation.job.js';
