import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UpdatedAtColumn, VersionNumberColumn } from '#core';

/** Key-window lengths in days, per school; a school without a row uses the defaults. */
@Entity('school_window_settings')
@Check('school_window_settings_days_check', 'pre_holiday_days BETWEEN 0 AND 90 AND pre_return_days BETWEEN 0 AND 90 AND post_return_days BETWEEN 0 AND 90')
export class SchoolWindowSettings {
  @PrimaryColumn({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'school_window_settings_school_fk' })
  school?: unknown;

  @Column({ type: 'smallint', default: 14 })
  preHolidayDays: number;

  @Column({ type: 'smallint', default: 7 })
  preReturnDays: number;

  @Column({ type: 'smallint', default: 28 })
  postReturnDays: number;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}
