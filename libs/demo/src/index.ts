export * from './demo-seed.js';
