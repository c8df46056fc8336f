import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn } from '#core';

/** Emergency access of one user to one student's clinical records, for a limited time. */
@Entity('break_glass_grants')
@Index('break_glass_grants_user_student_idx', ['userId', 'studentId', 'expiresAt'])
@Index('break_glass_grants_school_created_idx', ['schoolId', 'createdAt', 'id'])
export class BreakGlassGrant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'break_glass_grants_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'break_glass_grants_user_fk' })
  user?: unknown;

  @Column({ type: 'uuid' })
  studentId: string;

  @ManyToOne('Student', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'student_id', foreignKeyConstraintName: 'break_glass_grants_student_fk' })
  student?: unknown;

  @Column({ type: 'text' })
  reason: string;

  @TimestampColumn()
  expiresAt: Date;

  @CreatedAtColumn()
  createdAt: Date;
}
