import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAtColumn } from '#core';

/**
 * An address outside the school (the district bureau's, say) that receives the school's signed
 * audit anchor by email before each holiday and at term end. Webhooks subscribed to `audit.anchor`
 * receive it too.
 */
@Entity('audit_anchor_recipients')
@Unique('audit_anchor_recipients_school_email_key', ['schoolId', 'email'])
export class AuditAnchorRecipient {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'audit_anchor_recipients_school_fk' })
  school?: unknown;

  @Column({ type: 'citext' })
  email: string;

  /** Who it is, e.g. 区教育局安全科. */
  @Column({ type: 'text' })
  label: string;

  @Column({ type: 'uuid' })
  createdBy: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'audit_anchor_recipients_created_by_fk' })
  creator?: unknown;

  @CreatedAtColumn()
  createdAt: Date;
}
