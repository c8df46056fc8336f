import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAtColumn } from '#core';
import type { InstrumentDefinition } from './instrument-definition.js';

/**
 * One version of a screening instrument (PHQ-9 v1, ...). Shared reference data, the same for
 * every school, hence no `school_id`. Rows are never edited: a corrected instrument is a new
 * version, so a stored response can always be rescored and explained against its own version.
 */
@Entity('screening_instruments')
@Unique('screening_instruments_code_version_key', ['code', 'version'])
@Check('screening_instruments_version_check', 'version >= 1')
export class ScreeningInstrument {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stable across versions: `phq9`, `gad7`, `upi`, `cssrs_screener`. */
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'text' })
  nameZh: string;

  @Column({ type: 'text' })
  nameEn: string;

  /** Items, options, scoring rules, bands and critical items; checked by `validateInstrumentDefinition`. */
  @Column({ type: 'jsonb' })
  definition: InstrumentDefinition;

  /** Offered for new campaigns; an inactive version still scores and explains old responses. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreatedAtColumn()
  createdAt: Date;
}
