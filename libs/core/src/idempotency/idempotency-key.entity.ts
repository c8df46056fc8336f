import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn } from '../database/columns.js';

/**
 * The first answer to a create request sent with an `Idempotency-Key`, so a retry (a flaky
 * school network, a double tap) gets the same answer instead of a second record.
 * `statusCode` null means the first request is still being served.
 */
@Entity('idempotency_keys')
@Index('idempotency_keys_user_key_key', ['userId', 'key'], { unique: true })
@Index('idempotency_keys_expires_idx', ['expiresAt'])
export class IdempotencyKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  key: string;

  /** SHA-256 of method, route and body: the same key with another request answers 422. */
  @Column({ type: 'bytea' })
  requestHash: Buffer;

  @Column({ type: 'int', nullable: true })
  statusCode: number | null;

  /** The answer's JSON, sealed (encrypted) by ResponseSealer. */
  @Column({ type: 'text', nullable: true })
  responseBody: string | null;

  @Column({ type: 'text', nullable: true })
  location: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @TimestampColumn()
  expiresAt: Date;
}
