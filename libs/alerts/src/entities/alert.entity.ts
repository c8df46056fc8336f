import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn, VersionNumberColumn } from '#core';

export const ALERT_SEVERITIES = ['critical', 'high'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_SOURCES = ['screening_response', 'concern_flag', 'appointment_no_show', 'manual'] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];

export const ALERT_STATUSES = ['open', 'acknowledged'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/**
 * Who is told at each level: 0 the counselors, 1 the head of counseling, 2 the administrators,
 * 3 the school's first person accountable (第一责任人), where the school has named one.
 */
export const MAX_ESCALATION_LEVEL = 3;

/**
 * Something about a student that needs a human now. It must be acknowledged before `ackDueAt`,
 * else the escalation job moves it up a level. One alert per source: the unique index makes
 * "a critical answer raises exactly one alert" a database fact.
 */
@Entity('alerts')
@Index('alerts_source_key', ['sourceType', 'sourceId'], { unique: true, where: 'source_id IS NOT NULL' })
@Index('alerts_school_status_raised_idx', ['schoolId', 'status', 'raisedAt', 'id'])
@Index('alerts_escalation_due_idx', ['nextEscalationAt'], { where: `status = 'open' AND next_escalation_at IS NOT NULL` })
@Index('alerts_student_idx', ['studentId', 'raisedAt'])
@Check('alerts_severity_check', `severity IN ('critical', 'high')`)
@Check('alerts_status_check', `status IN ('open', 'acknowledged')`)
@Check('alerts_source_check', `source_type IN ('screening_response', 'concern_flag', 'appointment_no_show', 'manual')`)
@Check('alerts_level_check', `escalation_level BETWEEN 0 AND ${MAX_ESCALATION_LEVEL}`)
export class Alert {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'alerts_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  studentId: string;

  @ManyToOne('Student', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'student_id', foreignKeyConstraintName: 'alerts_student_fk' })
  student?: unknown;

  @Column({ type: 'text' })
  severity: AlertSeverity;

  @Column({ type: 'text' })
  sourceType: AlertSource;

  @Column({ type: 'uuid', nullable: true })
  sourceId: string | null;

  /** Why, as a code (`critical_item`, `severe_band`, `urgent_flag` ...): never clinical text. */
  @Column({ type: 'text' })
  reasonCode: string;

  @Column({ type: 'text', default: 'open' })
  status: AlertStatus;

  @TimestampColumn()
  raisedAt: Date;

  @TimestampColumn()
  ackDueAt: Date;

  @Column({ type: 'smallint', default: 0 })
  escalationLevel: number;

  /**
   * When the job next moves it up; null once acknowledged or at the top level (level 2 in a
   * school without a first person accountable).
   */
  @TimestampColumn({ nullable: true })
  nextEscalationAt: Date | null;

  @TimestampColumn({ nullable: true })
  acknowledgedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acknowledgedBy: string | null;

  /** Encrypted (FieldCipher, bound to this row): what the first responder did. */
  @Column({ type: 'text', nullable: true })
  acknowledgementNote: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}
