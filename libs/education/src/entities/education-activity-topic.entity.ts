import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** The topics an activity covers. */
@Entity('education_activity_topics')
@Index('education_activity_topics_topic_idx', ['topicId', 'activityId'])
export class EducationActivityTopic {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'education_activity_topics_pkey' })
  activityId: string;

  @ManyToOne('EducationActivity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'education_activity_topics_activity_fk' })
  activity?: unknown;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'education_activity_topics_pkey' })
  topicId: string;

  @ManyToOne('EducationTopic', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'topic_id', foreignKeyConstraintName: 'education_activity_topics_topic_fk' })
  topic?: unknown;

  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne('School', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id', foreignKeyConstraintName: 'education_activity_topics_school_fk' })
  school?: unknown;
}
