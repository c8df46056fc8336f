export * from './validation.js';
export * from './versioned-update.js';
export * from './bounded-int.js';
export * from './trim.js';
