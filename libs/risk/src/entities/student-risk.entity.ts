import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TimestampColumn, VersionNumberColumn } from '#core';
import type { RiskLevel } from '../risk-level.js';

const LEVELS_SQL = `('none', 'low', 'moderate', 'high', 'critical')`;

/**
 * A student's current risk level: derived from signals (alerts, open flags, screening
 * results), unless a counselor's assessment overrides it until it expires.
 */
@Entity('student_risk')
@Index('student_risk_school_level_idx', ['schoolId', 'levelRank', 'studentId'])
@Check('student_risk_level_check', `level IN ${LEVELS_SQL}`)
@Check('student_risk_derived_level_check', `derived_level IN ${LEVELS_SQL}`)
@Check('student_risk_assessed_level_check', `assessed_level IS NULL OR assessed_level IN ${LEVELS_SQL}`)
export class StudentRisk {
  @PrimaryColumn({ type: 'uuid' })
  studentId: string;

  @ManyToOne('Student', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'student_id', foreignKeyConstraintName: 'student_risk_student_fk' })
  student?: unknown;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'student_risk_school_fk' })
  school?: unknown;

  /** The effective level. */
  @Column({ type: 'text' })
  level: RiskLevel;

  /** 0 (none) to 4 (critical), so "highest first" is an index scan. */
  @Column({ type: 'smallint' })
  levelRank: number;

  @Column({ type: 'text' })
  derivedLevel: RiskLevel;

  /** The strongest signal behind the derived level, e.g. `alert:critical`, `flag:urgent`. */
  @Column({ type: 'text', nullable: true })
  derivedFrom: string | null;

  @Column({ type: 'text', nullable: true })
  assessedLevel: RiskLevel | null;

  /** Encrypted: the counselor's reasoning. */
  @Column({ type: 'text', nullable: true })
  assessmentReason: string | null;

  @TimestampColumn({ nullable: true })
  assessmentExpiresAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  assessedBy: string | null;

  @TimestampColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}
