export * from './access/case-access.repository.js';
export * from './cases.module.js';
export * from './contacts/case-contact.repository.js';
export * from './entities/index.js';
export * from './opening/case-opening.service.js';
export * from './timeline/case-event.repository.js';
