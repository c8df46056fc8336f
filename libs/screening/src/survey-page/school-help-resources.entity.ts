import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UpdatedAtColumn, VersionNumberColumn } from '#core';
import type { HelpResource } from './help-resources.js';

/** What a school shows students on the survey's thank-you page; a school without a row gets general help lines. */
@Entity('school_help_resources')
export class SchoolHelpResources {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'school_help_resources_pkey' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'school_help_resources_school_fk' })
  school?: unknown;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  resources: HelpResource[];

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}
