export * from './contract-types.js';
export * from './api-document.js';
