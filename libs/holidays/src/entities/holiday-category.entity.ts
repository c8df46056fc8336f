import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn, VersionNumberColumn } from '#core';

export const WHEREABOUTS = ['at_home', 'on_campus', 'internship', 'international_staying', 'other'] as const;
export type Whereabouts = (typeof WHEREABOUTS)[number];

export const HOLIDAY_CATEGORY_UNIQUE = 'holiday_categories_holiday_student_key';

/**
 * A student's holiday category: where they will be over one holiday, whether their family was hit
 * by a disaster, and the phone to reach them on, with the guardian's confirmation of it. One per
 * student and holiday. The employer, place and description are free text, encrypted by the
 * application (bound to the row's id).
 */
@Entity('holiday_categories')
@Unique(HOLIDAY_CATEGORY_UNIQUE, ['holidayId', 'studentId'])
@Check('holiday_categories_whereabouts_check', `whereabouts IN ('at_home', 'on_campus', 'internship', 'international_staying', 'other')`)
@Check('holiday_categories_internship_check', `whereabouts <> 'internship' OR (employer IS NOT NULL AND place IS NOT NULL)`)
@Check('holiday_categories_other_check', `whereabouts <> 'other' OR description IS NOT NULL`)
@Check('holiday_categories_confirmed_check', 'guardian_confirmed = (guardian_confirmed_at IS NOT NULL)')
@Index('holiday_categories_school_holiday_idx', ['schoolId', 'holidayId', 'whereabouts'])
@Index('holiday_categories_student_idx', ['studentId'])
export class HolidayCategory {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'holiday_categories_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  holidayId: string;

  @ManyToOne('SchoolHoliday', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'holiday_id', foreignKeyConstraintName: 'holiday_categories_holiday_fk' })
  holiday?: unknown;

  @Column({ type: 'uuid' })
  studentId: string;

  @ManyToOne('Student', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'student_id', foreignKeyConstraintName: 'holiday_categories_student_fk' })
  student?: unknown;

  @Column({ type: 'text' })
  whereabouts: Whereabouts;

  @Column({ type: 'text', nullable: true })
  employer: string | null;

  @Column({ type: 'text', nullable: true })
  place: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'boolean', default: false })
  disasterAffected: boolean;

  @Column({ type: 'text' })
  contactPhone: string;

  @Column({ type: 'boolean', default: false })
  guardianConfirmed: boolean;

  @TimestampColumn({ nullable: true })
  guardianConfirmedAt: Date | null;

  @Column({ type: 'uuid' })
  updatedBy: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'updated_by', foreignKeyConstraintName: 'holiday_categories_updated_by_fk' })
  updater?: unknown;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}
