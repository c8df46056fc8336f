import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '#core';
import type { RiskLevel } from '../risk-level.js';

export type RiskChangeSource = 'signals' | 'assessment' | 'assessment_expired';

/** One change of a student's effective level, with what caused it. */
@Entity('risk_level_changes')
@Index('risk_level_changes_student_idx', ['studentId', 'changedAt', 'id'])
@Check('risk_level_changes_source_check', `source IN ('signals', 'assessment', 'assessment_expired')`)
export class RiskLevelChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'risk_level_changes_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  studentId: string;

  @ManyToOne('Student', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'student_id', foreignKeyConstraintName: 'risk_level_changes_student_fk' })
  student?: unknown;

  @Column({ type: 'text', nullable: true })
  previousLevel: RiskLevel | null;

  @Column({ type: 'text' })
  level: RiskLevel;

  @Column({ type: 'text' })
  source: RiskChangeSource;

  /** For signals, the strongest one (`alert:critical`); for assessments, null (the reason is encrypted). */
  @Column({ type: 'text', nullable: true })
  sourceDetail: string | null;

  /** Encrypted; the counselor's reason for an assessment. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'uuid', nullable: true })
  changedBy: string | null;

  @TimestampColumn()
  changedAt: Date;
}
