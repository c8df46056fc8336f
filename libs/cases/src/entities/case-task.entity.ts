import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn, VersionNumberColumn } from '#core';

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A step of the case plan, with an assignee and a due time. The title is encrypted. */
@Entity('case_tasks')
@Index('case_tasks_case_idx', ['caseId', 'dueAt', 'id'])
@Index('case_tasks_assignee_open_idx', ['assigneeId', 'dueAt', 'id'], { where: `status = 'open'` })
@Check('case_tasks_status_check', `status IN ('open', 'done', 'cancelled')`)
export class CaseTask {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'case_tasks_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne('Case', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_tasks_case_fk' })
  case?: unknown;

  /** Encrypted (FieldCipher, bound to this row). */
  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'uuid' })
  assigneeId: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'case_tasks_assignee_fk' })
  assignee?: unknown;

  @TimestampColumn()
  dueAt: Date;

  @Column({ type: 'text', default: 'open' })
  status: TaskStatus;

  @TimestampColumn({ nullable: true })
  completedAt: Date | null;

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}
