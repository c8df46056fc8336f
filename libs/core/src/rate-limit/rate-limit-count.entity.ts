import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/columns.js';

/**
 * Requests of one client to one limited route in one fixed window, shared by every instance so
 * that a limit holds for the deployment. UNLOGGED (see the migration): losing the counts in a
 * crash only restarts the windows.
 */
@Entity('rate_limit_counts')
@Index('rate_limit_counts_expires_idx', ['expiresAt'])
export class RateLimitCount {
  /** The limit: the route's method and path (`POST /api/v1/auth/login`). */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'rate_limit_counts_pkey' })
  name: string;

  /** Whom it counts: the client address, as @fastify/rate-limit keys it. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'rate_limit_counts_pkey' })
  clientKey: string;

  @PrimaryColumn({ type: 'timestamptz', precision: 3, primaryKeyConstraintName: 'rate_limit_counts_pkey' })
  windowStart: Date;

  @Column({ type: 'int' })
  hits: number;

  @TimestampColumn()
  expiresAt: Date;
}
