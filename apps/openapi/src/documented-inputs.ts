import type { OperationObject, ParameterObject, ReferenceObject, RequestBodyObject, SchemaObject } from '@nestjs/swagger';
import type { Type } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import type { RouteInputs } from './route-handlers.js';

/** The properties class-validator checks on a DTO class (its own and inherited): what a request may carry. */
function validatedProperties(dto: Type): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', false, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
}

/**
 * What a handler reads but the document does not describe: a validated property of its query or
 * body DTO missing from the operation (the `?status=` of `GET /alerts` once was), a named query
 * parameter or header. Each is a refusal: a client generated from the document could not send it.
 */
export function undocumentedInputs(
  operation: OperationObject,
  inputs: RouteInputs,
  schemas: Record<string, SchemaObject | ReferenceObject>,
  where: string,
): string[] {
  const parameters = (operation.parameters ?? []) as ParameterObject[];
  const named = (place: string) => new Set(parameters.filter((p) => p.in === place).map((p) => p.name.toLowerCase()));
  const query = named('query');
  const headers = named('header');
  const missing: string[] = [];
  for (const dto of inputs.queryDtos) {
    for (const property of validatedProperties(dto)) if (!query.has(property.toLowerCase())) missing.push(`query \`${property}\` (${dto.name})`);
  }
  for (const name of inputs.queryNames) if (!query.has(name.toLowerCase())) missing.push(`query \`${name}\``);
  for (const name of inputs.headerNames) if (!headers.has(name.toLowerCase())) missing.push(`header \`${name}\``);
  for (const dto of inputs.bodyDtos) {
    const content = (operation.requestBody as RequestBodyObject | undefined)?.content ?? {};
    const ref = (content['application/json']?.schema as ReferenceObject | undefined)?.$ref;
    const schema = ref ? (schemas[ref.replace('#/components/schemas/', '')] as SchemaObject | undefined) : undefined;
    if (!schema) {
      missing.push(`the body (${dto.name})`);
      continue;
    }
    const documented = new Set(Object.keys(schema.properties ?? {}));
    for (const property of validatedProperties(dto)) if (!documented.has(property)) missing.push(`body field \`${property}\` (${dto.name})`);
  }
  return missing.map((input) => `${where}: reads ${input}, which the document does not describe`);
}
