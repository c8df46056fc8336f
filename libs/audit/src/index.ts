export * from './audit.module.js';
export * from './audit.service.js';
export * from './chain/audit-chain.js';
export * from './entities/index.js';
