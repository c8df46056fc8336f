import type { OpenApiSchema } from './openapi-document.js';

/** Where `#/components/schemas/X` lives once the document's schemas are added to ajv (see ContractValidator). */
export const COMPONENTS_SCHEMA_ID = 'openapi-components';
const COMPONENT_REF = '#/components/schemas/';

const ONE_SCHEMA = ['items', 'additionalItems', 'additionalProperties', 'not', 'contains', 'propertyNames', 'if', 'then', 'else'];
const SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions', 'dependencies'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'items'];
/**
 * OpenAPI's own annotations, which ajv's strict mode rightly calls unknown keywords. `discriminator`
 * only speeds up a `oneOf` (and ajv refuses its `mapping`): the `oneOf` alone gives the same verdict.
 */
const OPENAPI_ONLY = new Set(['example', 'xml', 'externalDocs', 'discriminator']);

/**
 * An OpenAPI 3.0 schema as the JSON Schema (draft-07) ajv validates with: `$ref`s into the
 * document's components point at COMPONENTS_SCHEMA_ID, `x-*` extensions and OpenAPI's annotations
 * go, OpenAPI's boolean `exclusiveMinimum` becomes draft-07's number, and `nullable: true` without a
 * `type` (next to a `$ref` or an `allOf`, which ajv's native `nullable` refuses) becomes an `anyOf`
 * with `null`. A nullable `enum` also admits null, which is what the document means by it.
 */
export function toJsonSchema(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const source = schema as OpenApiSchema;
  const out: OpenApiSchema = {};
  for (const [keyword, value] of Object.entries(source)) {
    if (keyword.startsWith('x-') || OPENAPI_ONLY.has(keyword)) continue;
    if (keyword === '$ref' && typeof value === 'string') out.$ref = value.startsWith(COMPONENT_REF) ? `${COMPONENTS_SCHEMA_ID}#/definitions/${value.slice(COMPONENT_REF.length)}` : value;
    else if (SCHEMA_LISTS.includes(keyword) && Array.isArray(value)) out[keyword] = value.map(toJsonSchema);
    else if (ONE_SCHEMA.includes(keyword)) out[keyword] = toJsonSchema(value);
    else if (SCHEMA_MAPS.includes(keyword) && typeof value === 'object' && value !== null) out[keyword] = mapValues(value as OpenApiSchema, toJsonSchema);
    else out[keyword] = value;
  }
  exclusiveBound(out, 'exclusiveMinimum', 'minimum');
  exclusiveBound(out, 'exclusiveMaximum', 'maximum');

  if (out.nullable === undefined) return out;
  const nullable = out.nullable === true;
  if (nullable && Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...(out.enum as unknown[]), null];
  if (out.type !== undefined) return out;
  delete out.nullable;
  return nullable ? { anyOf: [out, { type: 'null' }] } : out;
}

function exclusiveBound(schema: OpenApiSchema, exclusive: string, bound: string): void {
  if (schema[exclusive] === true && typeof schema[bound] === 'number') {
    schema[exclusive] = schema[bound];
    delete schema[bound];
  } else if (typeof schema[exclusive] === 'boolean') {
    delete schema[exclusive];
  }
}

function mapValues(record: OpenApiSchema, map: (value: unknown) => unknown): OpenApiSchema {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}
