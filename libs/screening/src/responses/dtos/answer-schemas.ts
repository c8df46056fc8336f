import type { SchemaObject } from '@nestjs/swagger';

/**
 * The OpenAPI shapes of answers and input flags (see scoring/answers.ts): free-form keys, typed
 * values. Which keys an instrument takes is in its definition (`GET /instruments/{instrumentId}`).
 */
export const ANSWERS_SCHEMA = {
  type: 'object' as const,
  description: 'Answers by item key (`item1` ...): a choice item takes the integer value of an option, a yes/no item true or false',
  additionalProperties: { oneOf: [{ type: 'integer' }, { type: 'boolean' }] },
} satisfies SchemaObject;

export const INPUT_FLAGS_SCHEMA = {
  type: 'object' as const,
  description: 'Input flags by key (`asksForCounseling` ...); a flag left out means no',
  additionalProperties: { type: 'boolean' },
} satisfies SchemaObject;
