import type { ClassScope, SqlParameters } from '#org';
import { classInScope } from '../shared/class-scope.sql.js';
import { schoolDayStart } from '../shared/school-day.sql.js';

/**
 * The common table expressions behind coverage and its reports: `cells` holds one row per class
 * in scope and active topic (topic x class, built in the database by one join, not a query per
 * class), with its status in the period. A topic with no class at all still yields one row
 * (class columns null), so the topics are known even for a school without classes.
 *
 * The period runs from the start of `from` to the start of `until` (excluded) in the school's
 * time zone; an activity belongs to it by its start. Cancelled deliveries count for nothing.
 */
export function coverageCells(scope: ClassScope, period: { from: string; until: string }, params: SqlParameters): string {
  const school = params.bind(scope.schoolId);
  return `period AS (
      SELECT ${schoolDayStart(params.bind(period.from), school)} AS from_at, ${schoolDayStart(params.bind(period.until), school)} AS until_at),
    scoped_classes AS (
      SELECT c.id, c.name, c.grade_id, g.name AS grade_name, g.sort_order AS grade_order
        FROM classes c JOIN grades g ON g.id = c.grade_id
       WHERE c.school_id = ${school} AND ${classInScope(scope, 'c.id', params.bind)}),
    active_topics AS (
      SELECT t.id, t.code, t.name_zh, t.name_en, t.required_before_holiday, t.sort_order
        FROM education_topics t WHERE (t.school_id IS NULL OR t.school_id = ${school}) AND t.active),
    reached AS (
      SELECT d.class_id, at.topic_id, bool_or(d.status = 'delivered') AS delivered
        FROM education_deliveries d
        JOIN education_activity_topics at ON at.activity_id = d.activity_id
        CROSS JOIN period p
       WHERE d.school_id = ${school} AND d.status IN ('planned', 'delivered')
         AND d.starts_at >= p.from_at AND d.starts_at < p.until_at
       GROUP BY d.class_id, at.topic_id),
    cells AS (
      SELECT c.id AS class_id, c.name AS class_name, c.grade_id, c.grade_name, c.grade_order,
             t.id AS topic_id, t.code, t.name_zh, t.name_en, t.required_before_holiday AS required, t.sort_order AS topic_order,
             CASE WHEN r.delivered THEN 'delivered' WHEN r.delivered IS NOT NULL THEN 'planned' ELSE 'missing' END AS status
        FROM active_topics t
        LEFT JOIN scoped_classes c ON TRUE
        LEFT JOIN reached r ON r.class_id = c.id AND r.topic_id = t.id)`;
}
