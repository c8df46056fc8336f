import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '#core';

/**
 * What the counselor wrote about a session. Append-only, as clinical records are: a correction
 * is a further note. The body is encrypted (FieldCipher, bound to this row).
 */
@Entity('session_notes')
@Index('session_notes_appointment_idx', ['appointmentId', 'createdAt', 'id'])
export class SessionNote {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'session_notes_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  appointmentId: string;

  @ManyToOne('Appointment', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'appointment_id', foreignKeyConstraintName: 'session_notes_appointment_fk' })
  appointment?: unknown;

  @Column({ type: 'uuid' })
  authorId: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'session_notes_author_fk' })
  author?: unknown;

  @Column({ type: 'text' })
  body: string;

  @CreatedAtColumn()
  createdAt: Date;
}
