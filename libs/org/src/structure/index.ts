export * from './class-scope.js';
export * from './structure.module.js';
