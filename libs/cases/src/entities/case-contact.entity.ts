import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn } from '#core';

export const CONTACT_COUNTERPARTS = ['student', 'guardian', 'class_teacher', 'other'] as const;
export const CONTACT_CHANNELS = ['in_person', 'phone', 'message', 'home_visit'] as const;
export const CONTACT_OUTCOMES = ['reached', 'not_reached'] as const;

/** One contact made for a case: who, when, how, whether they were reached, what was agreed (encrypted). */
@Entity('case_contacts')
@Index('case_contacts_case_idx', ['caseId', 'contactedAt', 'id'])
@Check('case_contacts_counterpart_check', `counterpart IN ('student', 'guardian', 'class_teacher', 'other')`)
@Check('case_contacts_channel_check', `channel IN ('in_person', 'phone', 'message', 'home_visit')`)
@Check('case_contacts_outcome_check', `outcome IN ('reached', 'not_reached')`)
export class CaseContact {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'case_contacts_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne('Case', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_contacts_case_fk' })
  case?: unknown;

  @Column({ type: 'text' })
  counterpart: (typeof CONTACT_COUNTERPARTS)[number];

  /** Which guardian, when the counterpart is one. */
  @Column({ type: 'uuid', nullable: true })
  guardianId: string | null;

  /** Free name for `other` counterparts (e.g. 宿管老师). */
  @Column({ type: 'text', nullable: true })
  counterpartName: string | null;

  @Column({ type: 'text' })
  channel: (typeof CONTACT_CHANNELS)[number];

  @Column({ type: 'text' })
  outcome: (typeof CONTACT_OUTCOMES)[number];

  @TimestampColumn()
  contactedAt: Date;

  /** Recorded as a guardian notification (what closing a high-risk case asks for). */
  @Column({ type: 'boolean', default: false })
  isGuardianNotification: boolean;

  /** Encrypted: what was agreed. */
  @Column({ type: 'text', nullable: true })
  agreed: string | null;

  @Column({ type: 'uuid' })
  recordedBy: string;

  @CreatedAtColumn()
  createdAt: Date;
}
