export * from './contract-types.js';
