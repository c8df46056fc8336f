import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn, VersionNumberColumn } from '#core';

export const HOLIDAY_SAFETY_PLAN_UNIQUE = 'holiday_safety_plans_holiday_student_key';

/**
 * A student's safety plan for one holiday, recorded by a counselor before it starts: who watches
 * over the student, warning signs, whom to call. The plan is clinical text, encrypted by the
 * application (bound to the row's id). One per student and holiday.
 */
@Entity('holiday_safety_plans')
@Unique(HOLIDAY_SAFETY_PLAN_UNIQUE, ['holidayId', 'studentId'])
@Index('holiday_safety_plans_student_idx', ['studentId'])
export class HolidaySafetyPlan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'holiday_safety_plans_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  holidayId: string;

  @ManyToOne('SchoolHoliday', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'holiday_id', foreignKeyConstraintName: 'holiday_safety_plans_holiday_fk' })
  holiday?: unknown;

  @Column({ type: 'uuid' })
  studentId: string;

  @ManyToOne('Student', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'student_id', foreignKeyConstraintName: 'holiday_safety_plans_student_fk' })
  student?: unknown;

  /** Encrypted. */
  @Column({ type: 'text' })
  plan: string;

  @Column({ type: 'uuid' })
  recordedBy: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'holiday_safety_plans_recorded_by_fk' })
  recorder?: unknown;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}
