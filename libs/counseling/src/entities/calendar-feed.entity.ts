import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn } from '#core';

/**
 * A counselor's secret calendar-feed address, for calendar applications that cannot send a
 * bearer token. Only the SHA-256 of the token is kept; rotating replaces it.
 */
@Entity('counselor_calendar_feeds')
@Index('counselor_calendar_feeds_token_key', ['tokenHash'], { unique: true })
export class CounselorCalendarFeed {
  @PrimaryColumn({ type: 'uuid' })
  counselorId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'counselor_id', foreignKeyConstraintName: 'counselor_calendar_feeds_counselor_fk' })
  counselor?: unknown;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'counselor_calendar_feeds_school_fk' })
  school?: unknown;

  @Column({ type: 'bytea' })
  tokenHash: Buffer;

  @CreatedAtColumn()
  createdAt: Date;
}
