import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn } from '#core';

export type ClosureRequestStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';

/**
 * A request to close a high- or critical-risk case, which a second person (head of counseling
 * or administrator) must approve. One pending request per case.
 */
@Entity('case_closure_requests')
@Index('case_closure_requests_pending_key', ['caseId'], { unique: true, where: `status = 'pending'` })
@Index('case_closure_requests_school_pending_idx', ['schoolId', 'createdAt'], { where: `status = 'pending'` })
@Check('case_closure_requests_status_check', `status IN ('pending', 'approved', 'rejected', 'withdrawn')`)
export class CaseClosureRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'case_closure_requests_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne('Case', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_closure_requests_case_fk' })
  case?: unknown;

  @Column({ type: 'uuid' })
  requestedBy: string;

  /** Encrypted: why it is safe to close. */
  @Column({ type: 'text' })
  reason: string;

  /** Encrypted: why no guardian contact was recorded, when none was. */
  @Column({ type: 'text', nullable: true })
  guardianContactWaiver: string | null;

  @Column({ type: 'text', default: 'pending' })
  status: ClosureRequestStatus;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @TimestampColumn({ nullable: true })
  decidedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;
}
