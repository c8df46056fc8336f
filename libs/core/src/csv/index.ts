export * from './csv-export.js';
