export * from './auth/password-hasher.js';
export * from './entities/index.js';
export * from './identity-config.js';
export * from './identity.module.js';
export * from './tokens/access-token.service.js';
export * from './break-glass/break-glass.service.js';
export * from './users/create-administrator.js';
