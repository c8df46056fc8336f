import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn, VersionNumberColumn } from '#core';

@Entity('grades')
@Unique('grades_school_name_key', ['schoolId', 'name'])
@Index('grades_school_order_idx', ['schoolId', 'sortOrder', 'id'])
export class Grade {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'grades_school_fk' })
  school?: unknown;

  /** e.g. 高一 / Grade 10 */
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'int', default: 0 })
  sortOrder: number;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}
