export * from './validation.js';
export * from './versioned-update.js';
