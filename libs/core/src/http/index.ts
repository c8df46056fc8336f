export * from './http-app.js';
export * from './route-access.js';
export * from './request-input.js';
export * from './page-headers.js';
export * from './console-files.js';
