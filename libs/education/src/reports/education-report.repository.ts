import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { findUpcomingHoliday, type UpcomingHoliday } from '#holidays';
import { SqlParameters } from '#org';
import { coverageCells } from '../coverage/coverage-cells.sql.js';
import type { ClassGapView, GradeTopicCounts } from './education-report.dtos.js';

export type GradeTopicRow = GradeTopicCounts & { gradeId: string; gradeName: string };

/** Aggregates of the school's coverage for administrators: counts and class names, never a student. One query each. */
@Injectable()
export class EducationReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The school's next holiday on its term calendar (libs/holidays reads it), or null. */
  upcomingHoliday(schoolId: string, at: Date): Promise<UpcomingHoliday | null> {
    return findUpcomingHoliday(this.dataSource.manager, schoolId, at);
  }

  byGradeAndTopic(schoolId: string, period: { from: string; until: string }): Promise<GradeTopicRow[]> {
    const params = new SqlParameters();
    return this.dataSource.query<GradeTopicRow[]>(
      `WITH ${coverageCells({ schoolId, teacherId: null }, period, params)}
       SELECT grade_id AS "gradeId", grade_name AS "gradeName", topic_id AS "topicId", code, name_zh AS "nameZh", name_en AS "nameEn",
              required AS "requiredBeforeHoliday", count(*)::int AS classes,
              count(*) FILTER (WHERE status = 'delivered')::int AS delivered,
              count(*) FILTER (WHERE status = 'planned')::int AS planned,
              count(*) FILTER (WHERE status = 'missing')::int AS missing
         FROM cells WHERE class_id IS NOT NULL
        GROUP BY grade_id, grade_name, grade_order, topic_id, code, name_zh, name_en, required, topic_order
        ORDER BY grade_order, grade_name, grade_id, topic_order, code, topic_id`,
      params.values,
    );
  }

  /** Classes with at least one required topic neither delivered nor planned in the period, with their teachers. */
  classGaps(schoolId: string, period: { from: string; until: string }): Promise<ClassGapView[]> {
    const params = new SqlParameters();
    return this.dataSource.query<ClassGapView[]>(
      `WITH ${coverageCells({ schoolId, teacherId: null }, period, params)},
       gaps AS (
         SELECT class_id, class_name, grade_id, grade_name, grade_order,
                json_agg(json_build_object('id', topic_id, 'code', code, 'nameZh', name_zh, 'nameEn', name_en) ORDER BY topic_order, code) AS missing
           FROM cells WHERE class_id IS NOT NULL AND required AND status = 'missing'
          GROUP BY class_id, class_name, grade_id, grade_name, grade_order)
       SELECT g.class_id AS "classId", g.class_name AS "className", g.grade_id AS "gradeId", g.grade_name AS "gradeName",
              COALESCE((SELECT json_agg(json_build_object('userId', u.id, 'displayName', u.display_name) ORDER BY u.display_name, u.id)
                          FROM class_teacher_assignments cta JOIN users u ON u.id = cta.user_id
                         WHERE cta.class_id = g.class_id AND cta.ended_at IS NULL), '[]'::json) AS teachers,
              g.missing AS "missingTopics"
         FROM gaps g
        ORDER BY g.grade_order, g.grade_name, g.class_name, g.class_id`,
      params.values,
    );
  }
}
