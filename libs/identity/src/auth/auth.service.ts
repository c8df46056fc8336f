import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, UnauthorizedProblem } from '#core';
import type { RequestOrigin } from '#access';
import { AuditService } from '#audit';
import { IdentityConfig } from '../identity-config.js';
import { AccessTokenService } from '../tokens/access-token.service.js';
import { UserRepository } from '../users/user.repository.js';
import { PasswordHasher } from './password-hasher.js';
import { RefreshTokenRepository } from './refresh-token.repository.js';
import { afterFailedSignIn, isLocked } from './sign-in-throttle.js';

/** What sign-in and refresh answer: send `accessToken` as `Authorization: Bearer ...`. */
export interface TokenPair {
  accessToken: string;
  /** Spent by the next refresh; keep it secret, like a password. */
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  tokenType: 'Bearer';
}

const invalidCredentials = () => new UnauthorizedProblem('auth.invalid_credentials', 'The user name or password is wrong');
const invalidRefresh = () => new UnauthorizedProblem('auth.invalid_refresh_token', 'Sign in again');

/**
 * Sign-in, refresh and sign-out. Every outcome is audited; failures commit their count and
 * audit entry before the 401 is thrown.
 */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly accessTokens: AccessTokenService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: IdentityConfig,
  ) {}

  async login(username: string, password: string, origin: RequestOrigin): Promise<TokenPair> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const user = await this.users.findForSignInLocked(manager, username);
      if (!user) {
        await this.hasher.burnTime(password);
        await this.audit.record(manager, { ...origin, schoolId: null }, { action: 'auth.login', outcome: 'failure', reason: 'unknown user name' });
        return null;
      }
      const actor = { ...origin, userId: user.id, role: user.role, schoolId: user.schoolId };
      const state = { count: user.failedLoginCount, windowStartedAt: user.failedLoginWindowStartedAt, lockedUntil: user.lockedUntil };
      if (isLocked(state, now)) {
        await this.hasher.burnTime(password);
        await this.audit.record(manager, actor, { action: 'auth.login', outcome: 'denied', reason: 'account locked' });
        return null;
      }
      const passwordOk = await this.hasher.verify(user.passwordHash, password);
      if (!passwordOk || !user.active) {
        const next = afterFailedSignIn(state, now);
        await this.users.recordFailedSignIn(manager, user.id, next);
        const reason = !passwordOk ? (next.lockedUntil && !state.lockedUntil ? 'wrong password; account locked' : 'wrong password') : 'user inactive';
        await this.audit.record(manager, actor, { action: 'auth.login', outcome: 'failure', reason });
        return null;
      }
      await this.users.clearFailedSignIns(manager, user.id);
      const refresh = await this.refreshTokens.issue(manager, user, null, this.refreshExpiry(now));
      await this.audit.record(manager, actor, { action: 'auth.login', entityType: 'user', entityId: user.id });
      return { userId: user.id, ...refresh };
    });
    if (!outcome) throw invalidCredentials();
    return this.pair(outcome.userId, outcome.familyId, outcome.token);
  }

  /** Spends one refresh token for a new pair; a spent token presented again ends its whole family. */
  async refresh(token: string, origin: RequestOrigin): Promise<TokenPair> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const row = await this.refreshTokens.findByTokenLocked(manager, token);
      if (!row) return null;
      const [user] = await manager.query<{ role: string; active: boolean }[]>('SELECT role, active FROM users WHERE id = $1', [row.userId]);
      const actor = { ...origin, userId: row.userId, role: user?.role ?? null, schoolId: row.schoolId };
      if (row.usedAt || row.revokedAt) {
        await this.refreshTokens.revokeFamily(manager, row.familyId, now);
        await this.audit.record(manager, actor, {
          action: 'auth.refresh_reuse',
          outcome: 'denied',
          severity: 'high',
          reason: 'a spent refresh token was presented again; its sign-in session was ended',
          entityType: 'user',
          entityId: row.userId,
        });
        return null;
      }
      if (row.expiresAt.getTime() <= now.getTime() || !user?.active) {
        await this.audit.record(manager, actor, { action: 'auth.refresh', outcome: 'failure', reason: user?.active ? 'expired' : 'user inactive' });
        return null;
      }
      await this.refreshTokens.markUsed(manager, row.id, now);
      const next = await this.refreshTokens.issue(manager, { id: row.userId, schoolId: row.schoolId }, row.familyId, this.refreshExpiry(now));
      await this.audit.record(manager, actor, { action: 'auth.refresh', entityType: 'user', entityId: row.userId });
      return { userId: row.userId, ...next };
    });
    if (!outcome) throw invalidRefresh();
    return this.pair(outcome.userId, outcome.familyId, outcome.token);
  }

  /** Ends the caller's sign-in session: its refresh tokens and, through the guard, its access tokens. */
  async logout(caller: { userId: string; schoolId: string; role: string; sessionId: string } & RequestOrigin): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.refreshTokens.revokeFamily(manager, caller.sessionId, this.clock.now());
      await this.audit.record(manager, caller, { action: 'auth.logout', entityType: 'user', entityId: caller.userId });
    });
  }

  /** Ends the sign-in session a refresh token belongs to (the console's sign-out, which holds only that token). */
  async endSessionOf(token: string, origin: RequestOrigin): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.refreshTokens.findByTokenLocked(manager, token);
      if (!row) return;
      await this.refreshTokens.revokeFamily(manager, row.familyId, this.clock.now());
      const [user] = await manager.query<{ role: string }[]>('SELECT role FROM users WHERE id = $1', [row.userId]);
      await this.audit.record(manager, { ...origin, userId: row.userId, role: user?.role ?? null, schoolId: row.schoolId }, {
        action: 'auth.logout',
        entityType: 'user',
        entityId: row.userId,
      });
    });
  }

  get refreshTtlSeconds(): number {
    return this.config.REFRESH_TOKEN_TTL_DAYS * 24 * 3600;
  }

  private refreshExpiry(now: Date): Date {
    return new Date(now.getTime() + this.config.REFRESH_TOKEN_TTL_DAYS * 24 * 3600 * 1000);
  }

  private async pair(userId: string, familyId: string, refreshToken: string): Promise<TokenPair> {
    return {
      accessToken: await this.accessTokens.issue(userId, familyId),
      refreshToken,
      expiresIn: this.accessTokens.ttlSeconds,
      tokenType: 'Bearer',
    };
  }
}
