import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Role } from './permissions.js';

/**
 * Who is calling, as the access guard found them in the database on this very request
 * (never from token claims alone), plus where from. Services take it as their first argument
 * and put `schoolId` (and the role's scope) into every query.
 */
export interface Caller {
  userId: string;
  schoolId: string;
  role: Role;
  username: string;
  /** The sign-in session (refresh-token family) the access token belongs to. */
  sessionId: string;
  clientIp: string | null;
  requestId: string | null;
}

/** The request context of an unauthenticated call (sign-in, the student survey). */
export interface RequestOrigin {
  clientIp: string | null;
  requestId: string | null;
}

export type RequestWithCaller = FastifyRequest & { caller?: Caller };

export function originOf(request: FastifyRequest): RequestOrigin {
  return { clientIp: request.ip ?? null, requestId: typeof request.id === 'string' ? request.id : null };
}

/** The authenticated caller; only on routes that require a permission. */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<RequestWithCaller>().caller;
  if (!caller) throw new Error('CurrentCaller used on a route without RequirePermission');
  return caller;
});

/** Client address and request id, for audit entries of unauthenticated calls. */
export const CurrentOrigin = createParamDecorator((_data: unknown, context: ExecutionContext): RequestOrigin =>
  originOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
