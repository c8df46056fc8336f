import { Check, Column, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn, VersionNumberColumn } from '#core';

/** A school term: inclusive calendar dates in the school's zone; a school's terms never overlap. */
@Entity('school_terms')
@Check('school_terms_dates_check', 'ends_on >= starts_on')
@Exclusion('school_terms_no_overlap', `USING gist (school_id WITH =, daterange(starts_on, ends_on, '[]'::text) WITH &&)`)
@Index('school_terms_school_idx', ['schoolId', 'startsOn', 'id'])
export class SchoolTerm {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'school_terms_school_fk' })
  school?: unknown;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'date' })
  startsOn: string;

  @Column({ type: 'date' })
  endsOn: string;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}
