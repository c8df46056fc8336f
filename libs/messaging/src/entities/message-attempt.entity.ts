import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TimestampColumn } from '#core';

/** One try at sending an outbound message, kept for the delivery report and for whoever asks "did it go out?". */
@Entity('message_attempts')
@Unique('message_attempts_message_attempt_key', ['messageId', 'attempt'])
@Check('message_attempts_outcome_check', `outcome IN ('sent', 'failed')`)
export class MessageAttempt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  messageId: string;

  @ManyToOne('OutboundMessage', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id', foreignKeyConstraintName: 'message_attempts_message_fk' })
  message?: unknown;

  /** 1 for the first try. */
  @Column({ type: 'int' })
  attempt: number;

  @TimestampColumn()
  startedAt: Date;

  @TimestampColumn()
  finishedAt: Date;

  @Column({ type: 'text' })
  outcome: 'sent' | 'failed';

  /** Why it failed: an SMTP or HTTP status, an error code; never the message. */
  @Column({ type: 'text', nullable: true })
  error: string | null;
}
