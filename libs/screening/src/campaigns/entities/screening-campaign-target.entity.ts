import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** One grade or one class a campaign targets: its enrolled students are invited when it opens. */
@Entity('screening_campaign_targets')
@Index('screening_campaign_targets_grade_key', ['campaignId', 'gradeId'], { unique: true, where: 'grade_id IS NOT NULL' })
@Index('screening_campaign_targets_class_key', ['campaignId', 'classId'], { unique: true, where: 'class_id IS NOT NULL' })
@Check('screening_campaign_targets_one_check', 'num_nonnulls(grade_id, class_id) = 1')
export class ScreeningCampaignTarget {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'screening_campaign_targets_school_fk' })
  school?: unknown;

  @Column({ type: 'uuid' })
  campaignId: string;

  @ManyToOne('ScreeningCampaign', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id', foreignKeyConstraintName: 'screening_campaign_targets_campaign_fk' })
  campaign?: unknown;

  @Column({ type: 'uuid', nullable: true })
  gradeId: string | null;

  @ManyToOne('Grade', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'grade_id', foreignKeyConstraintName: 'screening_campaign_targets_grade_fk' })
  grade?: unknown;

  @Column({ type: 'uuid', nullable: true })
  classId: string | null;

  @ManyToOne('SchoolClass', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'class_id', foreignKeyConstraintName: 'screening_campaign_targets_class_fk' })
  schoolClass?: unknown;
}
