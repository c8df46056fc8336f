import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '#core';

/** One step up of an alert, with its time and who was told. (alert, level) is unique: no double step. */
@Entity('alert_escalations')
@Index('alert_escalations_alert_level_key', ['alertId', 'level'], { unique: true })
export class AlertEscalation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'alert_escalations_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  alertId: string;

  @ManyToOne('Alert', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'alert_id', foreignKeyConstraintName: 'alert_escalations_alert_fk' })
  alert?: unknown;

  @Column({ type: 'smallint' })
  level: number;

  @TimestampColumn()
  escalatedAt: Date;

  @Column({ type: 'uuid', array: true, default: () => `'{}'` })
  notifiedUserIds: string[];
}
