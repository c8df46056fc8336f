/** The parts of an OpenAPI 3.0 document the contract check reads; everything else is carried along untouched. */
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, OpenApiPathItem>;
  components?: {
    schemas?: Record<string, OpenApiSchema>;
    responses?: Record<string, OpenApiResponse | OpenApiReference>;
  };
}

export type OpenApiPathItem = Partial<Record<HttpMethod, OpenApiOperation>> & Record<string, unknown>;

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

export const HTTP_METHODS: readonly HttpMethod[] = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export interface OpenApiOperation {
  operationId?: string;
  responses?: Record<string, OpenApiResponse | OpenApiReference>;
}

export interface OpenApiResponse {
  description?: string;
  content?: Record<string, { schema?: OpenApiSchema | OpenApiReference }>;
}

export interface OpenApiReference {
  $ref: string;
}

/** An OpenAPI 3.0 schema object (a JSON Schema draft dialect plus `nullable`, `example`, `x-*` ...). */
export type OpenApiSchema = Record<string, unknown>;

export function isReference(value: unknown): value is OpenApiReference {
  return typeof value === 'object' && value !== null && typeof (value as OpenApiReference).$ref === 'string';
}
