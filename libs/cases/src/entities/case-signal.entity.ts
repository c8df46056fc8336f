import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '#core';
import type { CaseSignalSource } from './case.entity.js';

/** A signal (alert, flag, response, appointment) linked to a case; one signal belongs to one case. */
@Entity('case_signals')
@Index('case_signals_source_key', ['sourceType', 'sourceId'], { unique: true })
@Index('case_signals_case_idx', ['caseId', 'attachedAt'])
export class CaseSignal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'case_signals_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne('Case', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_signals_case_fk' })
  case?: unknown;

  @Column({ type: 'text' })
  sourceType: CaseSignalSource;

  @Column({ type: 'uuid' })
  sourceId: string;

  @TimestampColumn()
  attachedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  attachedBy: string | null;
}
