import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { AlertSeverity } from './alert.entity.js';

/** Minutes to acknowledge an alert of a severity, per school; defaults apply where no row exists. */
@Entity('alert_deadlines')
@Check('alert_deadlines_minutes_check', 'ack_minutes BETWEEN 5 AND 10080')
@Check('alert_deadlines_severity_check', `severity IN ('critical', 'high')`)
export class AlertDeadline {
  @PrimaryColumn({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'alert_deadlines_school_fk' })
  school?: unknown;

  @PrimaryColumn({ type: 'text' })
  severity: AlertSeverity;

  @Column({ type: 'int' })
  ackMinutes: number;
}
