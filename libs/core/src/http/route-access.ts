import { SetMetadata } from '@nestjs/common';

/** Metadata every route must carry: public, or the one permission it needs. Read by the access guard. */
export const ROUTE_ACCESS = 'campus-care:route-access';

export type RouteAccess = { public: true } | { permission: string };

/** Reachable without a token (sign-in, health, docs, the student survey). Use sparingly. */
export const Public = () => SetMetadata(ROUTE_ACCESS, { public: true } satisfies RouteAccess);
