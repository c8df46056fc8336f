export * from './audit.module.js';
export * from './audit.service.js';
export * from './chain/audit-chain.js';
export * from './chain/chain-verification.js';
export * from './entities/index.js';
export * from './trail/audit-event.view.js';
export * from './trail/audit-trail.service.js';
export * from './trail/list-audit-events.query.js';
