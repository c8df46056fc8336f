import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

/**
 * A route that answers 201 when it created the resource and 200 when it found or replaced it,
 * with the same body (the handler sets the status). The OpenAPI generator gives both statuses the
 * handler's answer schema.
 */
export const ApiCreatedOrOk = (created: string, ok: string): MethodDecorator =>
  applyDecorators(ApiResponse({ status: 201, description: created }), ApiResponse({ status: 200, description: ok }));
