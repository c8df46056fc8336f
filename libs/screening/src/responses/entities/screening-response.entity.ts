import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TimestampColumn } from '#core';

export const RESPONSE_SOURCES = ['survey', 'paper', 'import'] as const;
export type ResponseSource = (typeof RESPONSE_SOURCES)[number];

/**
 * One student's answers to one instrument of a campaign, scored. The raw answers (and input
 * flags) are kept, encrypted and bound to this row, with the instrument version they were scored
 * against, so the score can be recomputed and explained later.
 */
@Entity('screening_responses')
@Unique('screening_responses_invitation_instrument_key', ['invitationId', 'instrumentId'])
@Index('screening_responses_student_instrument_idx', ['studentId', 'instrumentCode', 'administeredAt'])
@Index('screening_responses_student_administered_idx', ['studentId', 'administeredAt', 'id'])
@Index('screening_responses_campaign_idx', ['campaignId', 'instrumentCode'])
@Check('screening_responses_source_check', `source IN ('survey', 'paper', 'import')`)
export class ScreeningResponse {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'screening_responses_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  campaignId: string;

  @ManyToOne('ScreeningCampaign', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'campaign_id', foreignKeyConstraintName: 'screening_responses_campaign_fk' })
  campaign?: unknown;

  @Column({ type: 'uuid' })
  invitationId: string;

  @ManyToOne('ScreeningInvitation', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'invitation_id', foreignKeyConstraintName: 'screening_responses_invitation_fk' })
  invitation?: unknown;

  @Column({ type: 'uuid' })
  studentId: string;

  @ManyToOne('Student', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'student_id', foreignKeyConstraintName: 'screening_responses_student_fk' })
  student?: unknown;

  @Column({ type: 'uuid' })
  instrumentId: string;

  @ManyToOne('ScreeningInstrument', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'instrument_id', foreignKeyConstraintName: 'screening_responses_instrument_fk' })
  instrument?: unknown;

  /** Copied from the (immutable) instrument row: the risk signals map `(code, band)` without a join. */
  @Column({ type: 'text' })
  instrumentCode: string;

  @Column({ type: 'int' })
  instrumentVersion: number;

  /** Encrypted (FieldCipher, bound to this row): JSON `{ answers, flags }`. */
  @Column({ type: 'text' })
  answers: string;

  /** null for an instrument without a total (C-SSRS). */
  @Column({ type: 'int', nullable: true })
  total: number | null;

  @Column({ type: 'text', nullable: true })
  bandCode: string | null;

  /** The band's code when rules chose it (UPI class, C-SSRS level). */
  @Column({ type: 'text', nullable: true })
  classification: string | null;

  /** Keys of the critical items whose condition held. */
  @Column({ type: 'text', array: true })
  criticalItemsHit: string[];

  @Column({ type: 'text' })
  source: ResponseSource;

  /** When the student answered (a paper form: the day it was filled in). */
  @TimestampColumn()
  administeredAt: Date;

  /** When it reached the system. */
  @TimestampColumn()
  submittedAt: Date;

  /** The counselor who entered or imported it; null for the student's own survey. */
  @Column({ type: 'uuid', nullable: true })
  enteredBy: string | null;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entered_by', foreignKeyConstraintName: 'screening_responses_entered_by_fk' })
  enterer?: unknown;
}
