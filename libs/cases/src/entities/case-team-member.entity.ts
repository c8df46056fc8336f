import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '#core';

/**
 * A member of a case's team (the owner is one too), with history: leaving sets `removedAt`.
 * The team, and break-glass, are who see the case's clinical content.
 */
@Entity('case_team_members')
@Index('case_team_members_current_key', ['caseId', 'userId'], { unique: true, where: 'removed_at IS NULL' })
@Index('case_team_members_user_current_idx', ['userId', 'caseId'], { where: 'removed_at IS NULL' })
export class CaseTeamMember {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'case_team_members_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne('Case', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_team_members_case_fk' })
  case?: unknown;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'case_team_members_user_fk' })
  user?: unknown;

  @TimestampColumn()
  addedAt: Date;

  @TimestampColumn({ nullable: true })
  removedAt: Date | null;
}
