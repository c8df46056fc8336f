import { PROBLEM_CODES, type ProblemCode, isProblemCode, titleFor } from '#core';
import type { Schema } from './type-schemas.js';

const PROBLEM_MEDIA_TYPE = 'application/problem+json';
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/** The problem-details shapes every error answer uses (libs/core/src/errors/problem.ts). */
export const PROBLEM_SCHEMAS: Record<string, Schema> = {
  FieldError: {
    type: 'object',
    required: ['field', 'message'],
    properties: {
      field: { type: 'string', description: 'The field, as a path (`answers.item9`; a CSV import: `row 3: name`)' },
      message: { type: 'string' },
    },
    additionalProperties: false,
  },
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details. Branch on `code`; `detail` is for people. Some codes add fields of their own (e.g. `allowed`).',
    required: ['type', 'title', 'status', 'code'],
    properties: {
      type: { type: 'string', description: '`/problems/<context>`' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      code: { type: 'string', description: 'Stable `<context>.<reason>` code' },
      errors: { type: 'array', items: ref('FieldError') },
    },
  },
  ValidationProblem: {
    description: 'A 400 naming every invalid field',
    allOf: [ref('Problem'), { type: 'object', required: ['errors'], properties: { errors: { type: 'array', items: ref('FieldError') } } }],
  },
};

/** Codes answered with every field error listed. */
const WITH_FIELD_ERRORS = new Set<ProblemCode>(['validation.invalid', 'student_import.invalid', 'screening_response_import.invalid']);

interface ResponseObject {
  description: string;
  headers?: Record<string, { description: string; schema: Schema }>;
  content?: Record<string, { schema: Schema }>;
}

/** The error answers of one operation: one per status, each listing the codes it can carry. */
export function problemResponses(codes: Iterable<string>, where: string): Record<string, ResponseObject> {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of new Set(codes)) {
    if (!isProblemCode(code)) throw new Error(`${where}: \`${code}\` is not in the problem code registry`);
    const { status } = PROBLEM_CODES[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, ResponseObject> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    const sorted = list.sort();
    const description = [`${titleFor(status)}.`, ...sorted.map((code) => `- \`${code}\`: ${PROBLEM_CODES[code].meaning}`)].join('\n');
    const response: ResponseObject = { description, content: { [PROBLEM_MEDIA_TYPE]: { schema: problemSchema(sorted) } } };
    if (status === 429 || status === 503) {
      response.headers = { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } } };
    }
    responses[String(status)] = response;
  }
  return responses;
}

function problemSchema(codes: ProblemCode[]): Schema {
  const withErrors = codes.filter((code) => WITH_FIELD_ERRORS.has(code));
  const others = codes.filter((code) => !WITH_FIELD_ERRORS.has(code));
  const narrowed = (base: string, list: ProblemCode[]): Schema => ({
    allOf: [ref(base), { type: 'object', required: ['code'], properties: { code: { type: 'string', enum: list } } }],
  });
  const schemas = [...(withErrors.length ? [narrowed('ValidationProblem', withErrors)] : []), ...(others.length ? [narrowed('Problem', others)] : [])];
  return schemas.length === 1 ? schemas[0] : { anyOf: schemas };
}
