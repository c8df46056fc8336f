import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface StoredAnswer {
  id: string;
  requestHash: Buffer;
  statusCode: number | null;
  /** Sealed JSON. */
  responseBody: string | null;
  location: string | null;
  createdAt: Date;
}

@Injectable()
export class IdempotencyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Claims the key for this request: the claim's id, or null when the key is taken (answered or in flight). */
  async claim(entry: { schoolId: string; userId: string; key: string; requestHash: Buffer; expiresAt: Date }): Promise<string | null> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO idempotency_keys (school_id, user_id, key, request_hash, expires_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, key) DO NOTHING RETURNING id`,
      [entry.schoolId, entry.userId, entry.key, entry.requestHash, entry.expiresAt],
    );
    return rows[0]?.id ?? null;
  }

  async find(userId: string, key: string): Promise<StoredAnswer | null> {
    const rows = await this.dataSource.query<StoredAnswer[]>(
      `SELECT id, request_hash AS "requestHash", status_code AS "statusCode", response_body AS "responseBody", location,
              created_at AS "createdAt"
         FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [userId, key],
    );
    return rows[0] ?? null;
  }

  async complete(id: string, answer: { statusCode: number; sealedBody: string; location: string | null }): Promise<void> {
    await this.dataSource.query(`UPDATE idempotency_keys SET status_code = $2, response_body = $3, location = $4 WHERE id = $1`, [
      id,
      answer.statusCode,
      answer.sealedBody,
      answer.location,
    ]);
  }

  /** A failed first request frees its key, so the client can retry with it. */
  async release(id: string): Promise<void> {
    await this.dataSource.query('DELETE FROM idempotency_keys WHERE id = $1 AND status_code IS NULL', [id]);
  }

  /** Drops a claim whose request died with its process, so the key can be used again. */
  async releaseStale(userId: string, key: string, claimedBefore: Date): Promise<void> {
    await this.dataSource.query(
      'DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND status_code IS NULL AND created_at < $3',
      [userId, key, claimedBefore],
    );
  }

  async deleteExpired(now: Date): Promise<number> {
    // In a CTE: TypeORM answers a bare DELETE with [rows, count] rather than rows.
    const rows = await this.dataSource.query<{ id: string }[]>(
      'WITH deleted AS (DELETE FROM idempotency_keys WHERE expires_at < $1 RETURNING id) SELECT id FROM deleted',
      [now],
    );
    return rows.length;
  }
}
