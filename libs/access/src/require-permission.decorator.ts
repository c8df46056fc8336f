import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ROUTE_ACCESS, type RouteAccess } from '#core';
import type { Permission } from './permissions.js';

/** The permission a route needs; the global access guard refuses routes that declare none. */
export const RequirePermission = (permission: Permission) =>
  applyDecorators(
    SetMetadata(ROUTE_ACCESS, { permission } satisfies RouteAccess),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No valid access token' }),
    ApiForbiddenResponse({ description: `The caller's role lacks \`${permission}\`` }),
  );
