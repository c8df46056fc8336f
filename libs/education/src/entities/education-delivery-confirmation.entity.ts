import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TimestampColumn } from '#core';

/**
 * One confirmation of a delivery, or a correction of it: never updated, so the history stays.
 * The highest revision is the current one.
 */
@Entity('education_delivery_confirmations')
@Unique('education_delivery_confirmations_revision_key', ['deliveryId', 'revision'])
@Check('education_delivery_confirmations_revision_check', `revision >= 1`)
@Check('education_delivery_confirmations_present_check', `present_count >= 0 AND present_count <= class_size`)
export class EducationDeliveryConfirmation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'education_delivery_confirmations_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  deliveryId: string;

  @ManyToOne('EducationDelivery', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'delivery_id', foreignKeyConstraintName: 'education_delivery_confirmations_delivery_fk' })
  delivery?: unknown;

  @Column({ type: 'int' })
  revision: number;

  @Column({ type: 'int' })
  presentCount: number;

  /** Enrolled students of the class when confirmed: the bound presentCount was checked against. */
  @Column({ type: 'int' })
  classSize: number;

  /** As confirmed; the catch-ups they need are rows of education_catch_ups. */
  @Column({ type: 'uuid', array: true, default: () => `'{}'` })
  missedStudentIds: string[];

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'uuid' })
  confirmedBy: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'confirmed_by', foreignKeyConstraintName: 'education_delivery_confirmations_confirmed_by_fk' })
  confirmer?: unknown;

  @TimestampColumn()
  confirmedAt: Date;
}
