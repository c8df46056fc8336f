import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn } from '#core';

export const CATCH_UP_STATUSES = ['needed', 'done', 'withdrawn'] as const;
export type CatchUpStatus = (typeof CATCH_UP_STATUSES)[number];

/**
 * A student who missed a delivered activity and needs to catch up on it. A correction that
 * drops the student from the missed list withdraws it; one that adds them back reopens it.
 */
@Entity('education_catch_ups')
@Unique('education_catch_ups_delivery_student_key', ['deliveryId', 'studentId'])
@Index('education_catch_ups_school_status_created_idx', ['schoolId', 'status', 'createdAt', 'id'])
@Index('education_catch_ups_student_status_idx', ['studentId', 'status'])
@Check('education_catch_ups_status_check', `status IN ('needed', 'done', 'withdrawn')`)
export class EducationCatchUp {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'education_catch_ups_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  deliveryId: string;

  @ManyToOne('EducationDelivery', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'delivery_id', foreignKeyConstraintName: 'education_catch_ups_delivery_fk' })
  delivery?: unknown;

  @Column({ type: 'uuid' })
  studentId: string;

  @ManyToOne('Student', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'student_id', foreignKeyConstraintName: 'education_catch_ups_student_fk' })
  student?: unknown;

  @Column({ type: 'text', default: 'needed' })
  status: CatchUpStatus;

  @TimestampColumn({ nullable: true })
  completedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  completedBy: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
