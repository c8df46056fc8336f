import { SetMetadata } from '@nestjs/common';
import type { ProblemCode } from '../errors/problem-codes.js';

export const ALSO_ANSWERS = 'campus-care:also-answers';

/**
 * Problem codes a route answers that the OpenAPI generator cannot find by following its calls,
 * because a library raises them (terminus' 503). Use it only for those.
 */
export const AlsoAnswers = (...codes: ProblemCode[]): MethodDecorator => SetMetadata(ALSO_ANSWERS, codes);
