import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenProblem, ROUTE_ACCESS, type RouteAccess, UnauthorizedProblem } from '#core';
import { type Caller, isRole, originOf, type Permission, type RequestWithCaller, roleHasPermission } from '#access';
import { AuditService } from '#audit';
import { AccessTokenService } from '../tokens/access-token.service.js';
import { UserRepository } from '../users/user.repository.js';

/**
 * The one global guard. Deny by default: a route without a declaration is refused. Otherwise
 * the token is verified and the user re-read from the database on every request, so a
 * deactivated user, a changed role or an ended session takes effect at once.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
    private readonly users: UserRepository,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!access) {
      this.logger.error(`Route ${context.getClass().name}.${context.getHandler().name} declares no permission: refused`);
      throw new ForbiddenProblem('auth.undeclared_route', 'This route declares no permission and is closed');
    }
    if ('public' in access) return true;

    const request = context.switchToHttp().getRequest<RequestWithCaller>();
    const token = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(request.headers.authorization ?? '')?.[1];
    const claims = token ? await this.tokens.verify(token) : null;
    if (!claims) throw new UnauthorizedProblem();

    const user = await this.users.findForAccessCheck(claims.userId, claims.sessionId);
    const origin = originOf(request);
    if (!user || !user.active || !user.sessionLive || !isRole(user.role)) {
      if (user) {
        await this.audit.recordAlone(
          { ...origin, userId: user.id, role: user.role, schoolId: user.schoolId },
          { action: 'access.refused', outcome: 'denied', reason: !user.active ? 'user inactive' : 'no live session' },
        );
      }
      throw new UnauthorizedProblem('auth.session_invalid', 'Sign in again');
    }

    const caller: Caller = {
      userId: user.id,
      schoolId: user.schoolId,
      role: user.role,
      username: user.username,
      sessionId: claims.sessionId,
      ...origin,
    };
    if (!roleHasPermission(user.role, access.permission as Permission)) {
      await this.audit.recordAlone(caller, {
        action: 'access.refused',
        outcome: 'denied',
        reason: `${request.method} ${request.routeOptions?.url ?? ''} needs ${access.permission}`,
      });
      throw new ForbiddenProblem();
    }
    request.caller = caller;
    return true;
  }
}
