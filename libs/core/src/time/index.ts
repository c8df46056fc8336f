export * from './zone-offset.js';
