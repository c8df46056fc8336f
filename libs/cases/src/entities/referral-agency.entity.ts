import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn, VersionNumberColumn } from '#core';

export const AGENCY_KINDS = ['hospital', 'psychiatric_service', 'police', 'community_health', 'social_services', 'other'] as const;

/** An outside agency a school refers students to, with its contacts. */
@Entity('referral_agencies')
@Unique('referral_agencies_school_name_key', ['schoolId', 'name'])
@Index('referral_agencies_school_idx', ['schoolId', 'kind', 'name'])
@Check('referral_agencies_kind_check', `kind IN ('hospital', 'psychiatric_service', 'police', 'community_health', 'social_services', 'other')`)
export class ReferralAgency {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'referral_agencies_school_fk' })
  school?: unknown;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: (typeof AGENCY_KINDS)[number];

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Column({ type: 'text', nullable: true })
  contactPerson: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}
