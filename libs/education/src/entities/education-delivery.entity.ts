import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn, VersionNumberColumn } from '#core';

export const DELIVERY_STATUSES = ['planned', 'delivered', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One target class of an activity: the row its class teacher confirms. Targets given as grades
 * are expanded to their classes when the activity is planned, so a class added to the grade
 * later is not silently counted as taught.
 */
@Entity('education_deliveries')
@Unique('education_deliveries_activity_class_key', ['activityId', 'classId'])
@Index('education_deliveries_school_starts_idx', ['schoolId', 'startsAt'])
@Index('education_deliveries_class_starts_idx', ['classId', 'startsAt'])
@Check('education_deliveries_status_check', `status IN ('planned', 'delivered', 'cancelled')`)
export class EducationDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'education_deliveries_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  activityId: string;

  @ManyToOne('EducationActivity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'education_deliveries_activity_fk' })
  activity?: unknown;

  @Column({ type: 'uuid' })
  classId: string;

  @ManyToOne('SchoolClass', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'class_id', foreignKeyConstraintName: 'education_deliveries_class_fk' })
  schoolClass?: unknown;

  /** The activity's start, copied (and kept in step while it is planned) so coverage needs no join to filter by date. */
  @TimestampColumn()
  startsAt: Date;

  @Column({ type: 'text', default: 'planned' })
  status: DeliveryStatus;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}
