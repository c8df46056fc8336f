export * from './http-app.js';
