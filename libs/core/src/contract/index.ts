export * from './contract-types.js';
export * from './api-document.js';
export * from './created-or-ok.js';
export * from './also-answers.js';
export * from './html-answer.js';
