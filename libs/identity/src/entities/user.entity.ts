import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn, VersionNumberColumn } from '#core';

/** A staff member who signs in. Students have no accounts. */
@Entity('users')
@Index('users_school_created_idx', ['schoolId', 'createdAt', 'id'])
@Index('users_first_accountable_key', ['schoolId'], { unique: true, where: 'first_accountable' })
@Check('users_role_check', `role IN ('admin', 'counseling_lead', 'counselor', 'class_teacher', 'duty_officer')`)
@Check('users_first_accountable_check', `NOT first_accountable OR (role = 'admin' AND active)`)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'users_school_fk' })
  school?: unknown;

  /** Case-insensitive and unique across schools: sign-in names no school. */
  @Index('users_username_key', { unique: true })
  @Column({ type: 'citext' })
  username: string;

  @Column({ type: 'text' })
  displayName: string;

  @Column({ type: 'text' })
  role: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /**
   * The school's first person accountable (第一责任人, its head): the last step of every alert
   * escalation. At most one per school, and only an active administrator.
   */
  @Column({ type: 'boolean', default: false })
  firstAccountable: boolean;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  /** argon2id, with its parameters in the encoded string. */
  @Column({ type: 'text' })
  passwordHash: string;

  @TimestampColumn({ nullable: true })
  passwordChangedAt: Date | null;

  /** Failed sign-ins in the current window; kept here so the count holds across instances. */
  @Column({ type: 'int', default: 0 })
  failedLoginCount: number;

  @TimestampColumn({ nullable: true })
  failedLoginWindowStartedAt: Date | null;

  @TimestampColumn({ nullable: true })
  lockedUntil: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}
