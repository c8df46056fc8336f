export * from './problem-codes.js';
export * from './problem.js';
export * from './problem-from-error.js';
export * from './problem-details.filter.js';
