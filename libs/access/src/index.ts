export * from './caller.js';
export * from './permissions.js';
export * from './require-permission.decorator.js';
export * from './reach.js';
