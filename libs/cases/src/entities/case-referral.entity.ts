import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn, VersionNumberColumn } from '#core';

export const REFERRAL_STATUSES = ['pending', 'accepted', 'declined', 'completed', 'withdrawn'] as const;

/** A referral of the case to an outside agency, followed until completed, declined or withdrawn. */
@Entity('case_referrals')
@Index('case_referrals_case_idx', ['caseId', 'referredAt', 'id'])
@Check('case_referrals_status_check', `status IN ('pending', 'accepted', 'declined', 'completed', 'withdrawn')`)
export class CaseReferral {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'case_referrals_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne('Case', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_referrals_case_fk' })
  case?: unknown;

  @Column({ type: 'uuid' })
  agencyId: string;

  @ManyToOne('ReferralAgency', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'case_referrals_agency_fk' })
  agency?: unknown;

  @Column({ type: 'text', default: 'pending' })
  status: (typeof REFERRAL_STATUSES)[number];

  @TimestampColumn()
  referredAt: Date;

  @TimestampColumn({ nullable: true })
  statusChangedAt: Date | null;

  /** Encrypted: why, and what the agency said. */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}
