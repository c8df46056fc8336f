import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface RefreshTokenRow {
  id: string;
  userId: string;
  schoolId: string;
  familyId: string;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

export const hashRefreshToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/** Refresh tokens are opaque random strings; only their SHA-256 is stored. */
@Injectable()
export class RefreshTokenRepository {
  async issue(
    manager: EntityManager,
    user: { id: string; schoolId: string },
    familyId: string | null,
    expiresAt: Date,
  ): Promise<{ token: string; familyId: string }> {
    const token = randomBytes(32).toString('base64url');
    const family = familyId ?? randomUUID();
    await manager.query(
      `INSERT INTO refresh_tokens (school_id, user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [user.schoolId, user.id, family, hashRefreshToken(token), expiresAt],
    );
    return { token, familyId: family };
  }

  async findByTokenLocked(manager: EntityManager, token: string): Promise<RefreshTokenRow | null> {
    const rows = await manager.query<RefreshTokenRow[]>(
      `SELECT id, user_id AS "userId", school_id AS "schoolId", family_id AS "familyId", expires_at AS "expiresAt",
              used_at AS "usedAt", revoked_at AS "revokedAt"
         FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
      [hashRefreshToken(token)],
    );
    return rows[0] ?? null;
  }

  async markUsed(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.query('UPDATE refresh_tokens SET used_at = $2 WHERE id = $1', [id, at]);
  }

  async revokeFamily(manager: EntityManager, familyId: string, at: Date): Promise<void> {
    await manager.query('UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL', [familyId, at]);
  }

  async revokeAllOfUser(manager: EntityManager, userId: string, at: Date): Promise<void> {
    await manager.query('UPDATE refresh_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [userId, at]);
  }
}
