export * from './entities/index.js';
export * from './if-match-header.js';
export * from './org.module.js';
export * from './structure/index.js';
export * from './students/index.js';
