import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn } from '#core';

/**
 * A message to one staff member inside the system (break-glass used, alert raised, reminder due).
 * It names what happened and links to it; it never carries clinical text.
 */
@Entity('notifications')
@Index('notifications_recipient_created_idx', ['recipientId', 'createdAt', 'id'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'notifications_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  recipientId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id', foreignKeyConstraintName: 'notifications_recipient_fk' })
  recipient?: unknown;

  /** e.g. `break_glass.used` */
  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  entityType: string | null;

  @Column({ type: 'uuid', nullable: true })
  entityId: string | null;

  @TimestampColumn({ nullable: true })
  readAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;
}
