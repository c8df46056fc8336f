import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn, VersionNumberColumn } from '#core';

/**
 * What an activity teaches: fire safety, drowning, mental health ... System topics have no
 * school: like screening instruments, they are reference data shared by every school and written
 * by migrations only, so a national list (the pre-holiday safety topics) is defined once and a
 * fix reaches every school. A school adds its own topics next to them (school_id set).
 */
@Entity('education_topics')
@Index('education_topics_system_code_key', ['code'], { unique: true, where: 'school_id IS NULL' })
@Index('education_topics_school_code_key', ['schoolId', 'code'], { unique: true, where: 'school_id IS NOT NULL' })
@Index('education_topics_school_order_idx', ['schoolId', 'sortOrder', 'code', 'id'])
@Check('education_topics_code_check', `code ~ '^[a-z][a-z0-9_]{1,49}$'`)
export class EducationTopic {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Null for system topics (shared by every school). */
  @Column({ type: 'uuid', nullable: true })
  schoolId: string | null;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'education_topics_school_fk' })
  school?: unknown;

  /** Stable snake_case key, e.g. `fire_safety`; unique among the topics a school sees. */
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  nameZh: string;

  @Column({ type: 'text' })
  nameEn: string;

  /** Every class must be taught it before each holiday (coverage lists it as missing otherwise). */
  @Column({ type: 'boolean', default: false })
  requiredBeforeHoliday: boolean;

  /** A retired topic keeps its history but is no longer offered or counted. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'int', default: 100 })
  sortOrder: number;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}
