import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '#core';

/**
 * One event of a case's timeline: state and risk changes, assignments, signals, tasks, contacts,
 * referrals, notes. `data` holds ids and codes only; free text lives encrypted in `reason` or in
 * the row the event points at.
 */
@Entity('case_events')
@Index('case_events_case_idx', ['caseId', 'occurredAt', 'id'])
export class CaseEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'case_events_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne('Case', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_events_case_fk' })
  case?: unknown;

  /** e.g. `state_changed`, `risk_changed`, `owner_changed`, `signal_attached`, `task_created`. */
  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @TimestampColumn()
  occurredAt: Date;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  data: Record<string, unknown>;

  /** Encrypted, bound to this event row. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;
}
