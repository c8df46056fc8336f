export * from './students.module.js';
export * from './repositories/student.repository.js';
export * from './rules/student-scope.js';
export * from './rules/sql-parameters.js';
export type * from './dtos/student.views.js';
