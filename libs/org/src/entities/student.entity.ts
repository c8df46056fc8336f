import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn, VersionNumberColumn } from '#core';

export const STUDENT_STATUSES = ['enrolled', 'suspended', 'graduated', 'withdrawn', 'transferred'] as const;
export type StudentStatus = (typeof STUDENT_STATUSES)[number];

export const GENDERS = ['female', 'male', 'other', 'unspecified'] as const;
export type Gender = (typeof GENDERS)[number];

@Entity('students')
@Unique('students_school_number_key', ['schoolId', 'studentNumber'])
@Index('students_class_number_idx', ['classId', 'studentNumber'])
// Prefix search (`q`) by name or number: text_pattern_ops indexes, which TypeORM cannot describe,
// so it is told to leave them alone; the migration creates them.
@Index('students_school_name_prefix_idx', { synchronize: false })
@Index('students_school_number_prefix_idx', { synchronize: false })
@Check('students_status_check', `status IN ('enrolled', 'suspended', 'graduated', 'withdrawn', 'transferred')`)
@Check('students_gender_check', `gender IN ('female', 'male', 'other', 'unspecified')`)
export class Student {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'students_school_fk' })
  school?: unknown;

  /** 学号: unique within the school; the key of CSV imports. */
  @Column({ type: 'text' })
  studentNumber: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: 'unspecified' })
  gender: Gender;

  @Column({ type: 'date', nullable: true })
  dateOfBirth: string | null;

  @Column({ type: 'uuid' })
  classId: string;

  @ManyToOne('SchoolClass', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'class_id', foreignKeyConstraintName: 'students_class_fk' })
  schoolClass?: unknown;

  @Column({ type: 'text', default: 'enrolled' })
  status: StudentStatus;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}
