import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn, VersionNumberColumn } from '#core';

export const ACTIVITY_KINDS = ['class_lesson', 'talk', 'group_activity', 'parent_meeting', 'briefing'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const ACTIVITY_STATUSES = ['planned', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** A link to slides, a video or a handout. */
export interface ActivityMaterial {
  title: string | null;
  url: string;
}

/**
 * A lesson, talk, group activity, parent meeting or briefing on one or more topics, for target
 * classes (one delivery row each). Cancelled rather than deleted: it is a record of care.
 */
@Entity('education_activities')
@Index('education_activities_school_starts_idx', ['schoolId', 'startsAt', 'id'])
@Index('education_activities_school_status_starts_idx', ['schoolId', 'status', 'startsAt', 'id'])
@Check('education_activities_kind_check', `kind IN ('class_lesson', 'talk', 'group_activity', 'parent_meeting', 'briefing')`)
@Check('education_activities_status_check', `status IN ('planned', 'cancelled')`)
@Check('education_activities_time_check', `ends_at > starts_at`)
@Check('education_activities_where_check', `place IS NOT NULL OR link IS NOT NULL`)
@Check('education_activities_delivered_by_check', `num_nonnulls(delivered_by_user_id, delivered_by_name) = 1`)
@Check('education_activities_materials_check', `jsonb_typeof(materials) = 'array'`)
export class EducationActivity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'education_activities_school_fk' })
  school?: unknown;

  @Column({ type: 'text' })
  kind: ActivityKind;

  @Column({ type: 'text' })
  title: string;

  @TimestampColumn()
  startsAt: Date;

  @TimestampColumn()
  endsAt: Date;

  @Column({ type: 'text', nullable: true })
  place: string | null;

  /** For online sessions. */
  @Column({ type: 'text', nullable: true })
  link: string | null;

  /** A staff member of the school, or (next column) an outside speaker by name. */
  @Column({ type: 'uuid', nullable: true })
  deliveredByUserId: string | null;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'delivered_by_user_id', foreignKeyConstraintName: 'education_activities_delivered_by_fk' })
  deliveredByUser?: unknown;

  @Column({ type: 'text', nullable: true })
  deliveredByName: string | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  materials: ActivityMaterial[];

  @Column({ type: 'text', default: 'planned' })
  status: ActivityStatus;

  @TimestampColumn({ nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  cancelledBy: string | null;

  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;

  @Column({ type: 'uuid' })
  createdBy: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'education_activities_created_by_fk' })
  creator?: unknown;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}
