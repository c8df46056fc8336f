import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UpdatedAtColumn, VersionNumberColumn } from '#core';

/** A school's counseling settings; a school without a row uses the defaults. */
@Entity('counseling_settings')
@Check('counseling_settings_offer_hold_check', 'offer_hold_hours BETWEEN 1 AND 168')
export class CounselingSettings {
  @PrimaryColumn({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'counseling_settings_school_fk' })
  school?: unknown;

  /** During holidays, sessions may only be by phone or video (enforced at booking). */
  @Column({ type: 'boolean', default: false })
  remoteOnlyDuringHolidays: boolean;

  /** How long a freed slot is held for the first waiting request before it is released. */
  @Column({ type: 'smallint', default: 24 })
  offerHoldHours: number;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}
