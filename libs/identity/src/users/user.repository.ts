import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface UserForAccessCheck {
  id: string;
  schoolId: string;
  role: string;
  username: string;
  active: boolean;
  /** The token's sign-in session exists, is this user's, and was not ended (sign-out, replay, password change). */
  sessionLive: boolean;
}

export interface UserForSignIn {
  id: string;
  schoolId: string;
  role: string;
  active: boolean;
  passwordHash: string;
  failedLoginCount: number;
  failedLoginWindowStartedAt: Date | null;
  lockedUntil: Date | null;
}

/** The queries identity needs about users; one intent per method. */
@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One round trip per request: the user as of now, and whether the token's sign-in session is
   * live. A session is the user's family of refresh tokens: a sid that names none (a forged or
   * foreign one) is not live, nor is a family any of whose tokens was revoked.
   */
  async findForAccessCheck(userId: string, sessionId: string): Promise<UserForAccessCheck | null> {
    const rows = await this.dataSource.query<UserForAccessCheck[]>(
      `SELECT u.id, u.school_id AS "schoolId", u.role, u.username, u.active,
              COALESCE((SELECT bool_and(t.revoked_at IS NULL) FROM refresh_tokens t WHERE t.family_id = $2 AND t.user_id = u.id), false)
                AS "sessionLive"
         FROM users u WHERE u.id = $1`,
      [userId, sessionId],
    );
    return rows[0] ?? null;
  }

  /** Locks the row, so concurrent failed attempts count one by one across instances. */
  async findForSignInLocked(manager: EntityManager, username: string): Promise<UserForSignIn | null> {
    const rows = await manager.query<UserForSignIn[]>(
      `SELECT id, school_id AS "schoolId", role, active, password_hash AS "passwordHash",
              failed_login_count AS "failedLoginCount", failed_login_window_started_at AS "failedLoginWindowStartedAt",
              locked_until AS "lockedUntil"
         FROM users WHERE username = $1 FOR UPDATE`,
      [username],
    );
    return rows[0] ?? null;
  }

  async recordFailedSignIn(
    manager: EntityManager,
    userId: string,
    state: { count: number; windowStartedAt: Date; lockedUntil: Date | null },
  ): Promise<void> {
    await manager.query(
      `UPDATE users SET failed_login_count = $2, failed_login_window_started_at = $3, locked_until = $4 WHERE id = $1`,
      [userId, state.count, state.windowStartedAt, state.lockedUntil],
    );
  }

  async clearFailedSignIns(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(
      `UPDATE users SET failed_login_count = 0, failed_login_window_started_at = NULL, locked_until = NULL
        WHERE id = $1 AND (failed_login_count <> 0 OR locked_until IS NOT NULL)`,
      [userId],
    );
  }

  async findPasswordHash(manager: EntityManager, userId: string): Promise<string | null> {
    const rows = await manager.query<{ password_hash: string }[]>('SELECT password_hash FROM users WHERE id = $1 FOR UPDATE', [userId]);
    return rows[0]?.password_hash ?? null;
  }

  async updatePassword(manager: EntityManager, userId: string, passwordHash: string, at: Date): Promise<void> {
    await manager.query(
      `UPDATE users SET password_hash = $2, password_changed_at = $3, updated_at = $3, version = version + 1 WHERE id = $1`,
      [userId, passwordHash, at],
    );
  }
}
