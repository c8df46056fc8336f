export * from './crypto-config.js';
export * from './crypto.module.js';
export * from './encrypted-columns.js';
export * from './field-cipher.js';
export * from './reencryption.service.js';
export { DEVELOPMENT_KEY_ID, FIELD_KEY_BYTES, KEY_ID_PATTERN, type KeyRing } from './key-ring.js';
