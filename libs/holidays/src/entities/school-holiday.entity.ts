import { Check, Column, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn, VersionNumberColumn } from '#core';

export const HOLIDAY_KINDS = ['winter', 'summer', 'other'] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];

export const HOLIDAY_OVERLAP_CONSTRAINT = 'school_holidays_no_overlap';

/**
 * A holiday: inclusive calendar dates in the school's zone. A school's holidays never overlap, so
 * "which holiday is it" always has one answer (the key windows of two holidays still may overlap).
 */
@Entity('school_holidays')
@Check('school_holidays_dates_check', 'ends_on >= starts_on')
@Check('school_holidays_kind_check', `kind IN ('winter', 'summer', 'other')`)
@Exclusion(HOLIDAY_OVERLAP_CONSTRAINT, `USING gist (school_id WITH =, daterange(starts_on, ends_on, '[]'::text) WITH &&)`)
@Index('school_holidays_school_idx', ['schoolId', 'startsOn', 'id'])
export class SchoolHoliday {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'school_holidays_school_fk' })
  school?: unknown;

  @Column({ type: 'text' })
  kind: HolidayKind;

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
