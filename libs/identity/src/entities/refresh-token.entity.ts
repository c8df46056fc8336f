import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn } from '#core';

/**
 * One opaque refresh token, stored as its SHA-256. Tokens of one sign-in form a family: each
 * refresh spends one and issues the next; presenting a spent one revokes the whole family.
 */
@Entity('refresh_tokens')
@Index('refresh_tokens_family_idx', ['familyId'])
@Index('refresh_tokens_user_idx', ['userId'])
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'refresh_tokens_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'refresh_tokens_user_fk' })
  user?: unknown;

  @Column({ type: 'uuid' })
  familyId: string;

  @Index('refresh_tokens_hash_key', { unique: true })
  @Column({ type: 'bytea' })
  tokenHash: Buffer;

  @TimestampColumn()
  expiresAt: Date;

  @TimestampColumn({ nullable: true })
  usedAt: Date | null;

  @TimestampColumn({ nullable: true })
  revokedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;
}
