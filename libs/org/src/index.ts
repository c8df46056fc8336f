export * from './entities/index.js';
export * from './org.module.js';
export * from './structure/index.js';
export * from './students/index.js';
