import { Param, ParseUUIDPipe, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { type FieldError, validationProblem } from '../errors/problem.js';

/** Flattens class-validator's tree into `answers.item9`-style field paths. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      message: constraint === 'whitelistValidation' ? 'is not a field this request accepts' : message,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** The one validation pipe: unknown fields are errors, not silently dropped. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => validationProblem(flattenValidationErrors(errors)),
  });
}

/** A UUID path parameter, documented as one; anything else answers 400 naming the parameter. */
export function UuidParam(name: string): ParameterDecorator {
  const param = Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => validationProblem([{ field: name, message: 'must be a UUID' }]),
    }),
  );
  return (target, method, index) => {
    param(target, method, index);
    if (method === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, method);
    if (descriptor) ApiParam({ name, required: true, schema: { type: 'string', format: 'uuid' } })(target, method, descriptor);
  };
}
