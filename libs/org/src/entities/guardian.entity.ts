import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn, VersionNumberColumn } from '#core';

export const GUARDIAN_RELATIONS = ['mother', 'father', 'grandparent', 'sibling', 'guardian', 'other'] as const;
export type GuardianRelation = (typeof GUARDIAN_RELATIONS)[number];

@Entity('guardians')
@Index('guardians_student_idx', ['studentId', 'createdAt', 'id'])
// One primary guardian per student, as a fact of the database rather than of the code alone.
@Index('guardians_one_primary_key', ['studentId'], { unique: true, where: 'is_primary' })
@Check('guardians_relation_check', `relation IN ('mother', 'father', 'grandparent', 'sibling', 'guardian', 'other')`)
export class Guardian {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'guardians_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  studentId: string;

  @ManyToOne('Student', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'student_id', foreignKeyConstraintName: 'guardians_student_fk' })
  student?: unknown;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  relation: GuardianRelation;

  @Column({ type: 'text' })
  phone: string;

  /** The guardian to call first. */
  @Column({ type: 'boolean', default: false })
  isPrimary: boolean;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}
