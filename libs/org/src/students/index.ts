export * from './students.module.js';
export * from './repositories/student.repository.js';
export * from './rules/student-scope.js';
export * from './rules/sql-parameters.js';
// Phone numbers written anywhere (guardians, holiday contacts) follow one rule.
export * from './rules/phone-number.js';
export { IsPhoneNumber } from './dtos/field-decorators.js';
export type * from './dtos/student.views.js';
// Shared with other CSV imports (screening results): one reader, one content-type check.
export * from './controllers/csv-body.decorator.js';
export * from './import/csv-table.js';
