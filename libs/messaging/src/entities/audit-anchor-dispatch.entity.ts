import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TimestampColumn } from '#core';

/**
 * One sending of the school's signed audit anchor to its recipients, for an occasion:
 * `holiday:<id>` (the day before a holiday), `term_end:<id>` (the week after a term) or
 * `manual:<id>`. (school, occasion) is unique: instances racing for an occasion send it once.
 */
@Entity('audit_anchor_dispatches')
@Unique('audit_anchor_dispatches_school_occasion_key', ['schoolId', 'occasion'])
@Index('audit_anchor_dispatches_school_at_idx', ['schoolId', 'dispatchedAt', 'id'])
export class AuditAnchorDispatch {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'audit_anchor_dispatches_school_fk' })
  school?: unknown;

  @Column({ type: 'text' })
  occasion: string;

  /** The anchored entry's sequence number (a bigint, as text). */
  @Column({ type: 'text' })
  anchorSeq: string;

  @Column({ type: 'int' })
  emails: number;

  @Column({ type: 'int' })
  webhooks: number;

  @TimestampColumn()
  dispatchedAt: Date;

  /** Who asked for it; null when the schedule sent it. */
  @Column({ type: 'uuid', nullable: true })
  requestedBy: string | null;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by', foreignKeyConstraintName: 'audit_anchor_dispatches_requested_by_fk' })
  requester?: unknown;
}
