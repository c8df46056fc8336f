import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn } from '#core';

/**
 * Who teaches a class, with history: an assignment ends (endedAt) instead of being deleted.
 * A class teacher's scope is the classes of their current (not ended) assignments.
 */
@Entity('class_teacher_assignments')
@Index('class_teacher_assignments_current_key', ['classId', 'userId'], { unique: true, where: 'ended_at IS NULL' })
@Index('class_teacher_assignments_user_current_idx', ['userId', 'classId'], { where: 'ended_at IS NULL' })
@Index('class_teacher_assignments_class_history_idx', ['classId', 'startedAt', 'id'])
export class ClassTeacherAssignment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'class_teacher_assignments_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  classId: string;

  @ManyToOne('SchoolClass', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'class_id', foreignKeyConstraintName: 'class_teacher_assignments_class_fk' })
  schoolClass?: unknown;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'class_teacher_assignments_user_fk' })
  user?: unknown;

  @TimestampColumn()
  startedAt: Date;

  @TimestampColumn({ nullable: true })
  endedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  assignedBy: string | null;

  @CreatedAtColumn()
  createdAt: Date;
}
