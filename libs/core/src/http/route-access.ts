import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

/** Metadata every route must carry: public, or the one permission it needs. Read by the access guard. */
export const ROUTE_ACCESS = 'campus-care:route-access';

export type RouteAccess = { public: true } | { permission: string };

/** Reachable without a token (sign-in, health, docs, the student survey). Use sparingly. */
export const Public = () => applyDecorators(SetMetadata(ROUTE_ACCESS, { public: true } satisfies RouteAccess), ApiExtension('x-public', true));
