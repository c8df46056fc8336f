import { BadRequestProblem, ConflictProblem, type FieldError, NotFoundProblem, validationProblem } from '#core';

/** The problems the students API answers with; one place, so codes and wording stay stable. */

/** Also the answer for a student out of the caller's scope: the body never tells the two apart. */
export const studentNotFound = () => new NotFoundProblem('student.not_found', 'The student does not exist');

export const guardianNotFound = () => new NotFoundProblem('guardian.not_found', 'The guardian does not exist');

export const studentVersionConflict = () =>
  new ConflictProblem('student.version_conflict', 'The student was changed meanwhile; reload it and apply your change again');

export const guardianVersionConflict = () =>
  new ConflictProblem('guardian.version_conflict', 'The guardian was changed meanwhile; reload it and apply your change again');

export const duplicateStudentNumber = () =>
  new ConflictProblem('student.duplicate_number', 'Another student of the school has this student number');

export const unknownClass = () => validationProblem([{ field: 'classId', message: 'is not a class of your school' }]);

/** Every error of an import file at once; nothing was imported. */
export const importInvalid = (errors: FieldError[]) =>
  new BadRequestProblem(
    'student_import.invalid',
    `The file has ${errors.length === 1 ? '1 error' : `${errors.length} errors`}; nothing was imported`,
    errors,
  );
