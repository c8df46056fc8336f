import { Transform } from 'class-transformer';
import { registerDecorator } from 'class-validator';
import { normalisePhoneNumber, PHONE_NUMBER_RULE } from '../rules/phone-number.js';
import { dateOfBirthProblem } from '../rules/student-fields.js';

/** A `YYYY-MM-DD` date of birth that exists in the calendar and is not in the future. */
export function IsDateOfBirth(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isDateOfBirth',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => typeof value === 'string' && dateOfBirthProblem(value) === null,
        defaultMessage: (args) =>
          (typeof args?.value === 'string' && dateOfBirthProblem(args.value)) || 'must be a date written YYYY-MM-DD',
      },
    });
}

/** A phone number in any accepted spelling, stored canonically (see rules/phone-number.ts). */
export function IsPhoneNumber(): PropertyDecorator {
  const canonical = Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? (normalisePhoneNumber(value) ?? value) : value,
  );
  return (target, propertyName) => {
    canonical(target, propertyName);
    registerDecorator({
      name: 'isPhoneNumber',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        // Valid input was made canonical by the transform; anything else is left as sent.
        validate: (value: unknown) => typeof value === 'string' && normalisePhoneNumber(value) === value,
        defaultMessage: () => PHONE_NUMBER_RULE,
      },
    });
  };
}
