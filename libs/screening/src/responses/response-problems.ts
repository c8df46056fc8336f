import { BadRequestProblem, ConflictProblem, type FieldError } from '#core';

export const studentNotInvited = () =>
  new ConflictProblem('screening_response.not_invited', 'The student is not invited to this campaign');

/** Every error of an import file at once; nothing was imported. */
export const responseImportInvalid = (errors: FieldError[]) =>
  new BadRequestProblem(
    'screening_response_import.invalid',
    `The file has ${errors.length === 1 ? '1 error' : `${errors.length} errors`}; nothing was imported`,
    errors,
  );
