import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { ROUTE_ACCESS, type RouteAccess } from '#core';
import type { Permission } from './permissions.js';

/** The permission a route needs; the global access guard refuses routes that declare none. */
export const RequirePermission = (permission: Permission) =>
  applyDecorators(
    SetMetadata(ROUTE_ACCESS, { permission } satisfies RouteAccess),
    ApiBearerAuth(),
    // The OpenAPI generator turns this into the operation's 401 and 403 answers.
    ApiExtension('x-permission', permission),
  );
