import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn, VersionNumberColumn } from '#core';

export const CASE_STATES = ['open', 'assessing', 'active', 'monitoring', 'referred', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_RISK_LEVELS = ['low', 'moderate', 'high', 'critical'] as const;
export type CaseRiskLevel = (typeof CASE_RISK_LEVELS)[number];

export const CASE_SOURCES = ['manual', 'alert', 'concern_flag', 'screening_response', 'appointment'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

/** What can lead to a case and stay linked to it: every source but a manual opening. */
export type CaseSignalSource = Exclude<CaseSource, 'manual'>;

/**
 * The follow-up of one student at risk, from opening to safe closure. At most one case per
 * student is not closed: a partial unique index makes that a database fact, so two signals
 * arriving together cannot open two.
 */
@Entity('cases')
@Index('cases_one_open_per_student_key', ['studentId'], { unique: true, where: `state <> 'closed'` })
@Index('cases_school_state_opened_idx', ['schoolId', 'state', 'openedAt', 'id'])
@Index('cases_owner_state_idx', ['ownerId', 'state', 'openedAt', 'id'])
@Index('cases_student_idx', ['studentId', 'openedAt'])
@Check('cases_state_check', `state IN ('open', 'assessing', 'active', 'monitoring', 'referred', 'closed')`)
@Check('cases_risk_check', `risk_level IN ('low', 'moderate', 'high', 'critical')`)
@Check('cases_source_check', `source_type IN ('manual', 'alert', 'concern_flag', 'screening_response', 'appointment')`)
export class Case {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'cases_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  studentId: string;

  @ManyToOne('Student', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'student_id', foreignKeyConstraintName: 'cases_student_fk' })
  student?: unknown;

  @Column({ type: 'text', default: 'open' })
  state: CaseState;

  @Column({ type: 'text' })
  riskLevel: CaseRiskLevel;

  @Column({ type: 'uuid' })
  ownerId: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'cases_owner_fk' })
  owner?: unknown;

  @Column({ type: 'text' })
  sourceType: CaseSource;

  @Column({ type: 'uuid', nullable: true })
  sourceId: string | null;

  @TimestampColumn()
  openedAt: Date;

  @Column({ type: 'uuid' })
  openedBy: string;

  @TimestampColumn({ nullable: true })
  closedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  reopenCount: number;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}
