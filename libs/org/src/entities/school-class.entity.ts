import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn, VersionNumberColumn } from '#core';

/** A class (班级). Named SchoolClass because `class` is a keyword. */
@Entity('classes')
@Unique('classes_grade_name_key', ['schoolId', 'gradeId', 'name'])
@Index('classes_school_grade_idx', ['schoolId', 'gradeId', 'name'])
export class SchoolClass {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'classes_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  gradeId: string;

  @ManyToOne('Grade', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'grade_id', foreignKeyConstraintName: 'classes_grade_fk' })
  grade?: unknown;

  @Column({ type: 'text' })
  name: string;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}
