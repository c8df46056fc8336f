import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

@Injectable()
export class RateLimitRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Counts one request in its window, in one statement (concurrent requests of every instance add up); the window's count so far. */
  async hit(name: string, clientKey: string, windowStart: Date, expiresAt: Date): Promise<number> {
    const rows = await this.dataSource.query<{ hits: number }[]>(
      `INSERT INTO rate_limit_counts (name, client_key, window_start, hits, expires_at) VALUES ($1, $2, $3, 1, $4)
       ON CONFLICT (name, client_key, window_start) DO UPDATE SET hits = rate_limit_counts.hits + 1
       RETURNING hits`,
      [name, clientKey, windowStart, expiresAt],
    );
    return rows[0].hits;
  }

  async deleteExpired(now: Date): Promise<number> {
    // In a CTE: TypeORM answers a bare DELETE with [rows, count] rather than rows.
    const rows = await this.dataSource.query<{ n: number }[]>(
      'WITH deleted AS (DELETE FROM rate_limit_counts WHERE expires_at < $1 RETURNING 1) SELECT count(*)::int AS n FROM deleted',
      [now],
    );
    return rows[0].n;
  }
}
