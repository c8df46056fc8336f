import type { BindParameter, ClassScope } from '#org';

/**
 * The classes of the caller's scope, as a SQL condition on a class id column: every class of the
 * school for counselors and administrators, the classes a teacher teaches now for a class teacher
 * (read from the assignments on every query, so an ended assignment narrows the scope at once).
 * The school itself is matched by each query's own `school_id` condition.
 */
export function classInScope(scope: ClassScope, classIdColumn: string, bind: BindParameter): string {
  if (!scope.teacherId) return 'TRUE';
  return `EXISTS (SELECT 1 FROM class_teacher_assignments cta
                   WHERE cta.class_id = ${classIdColumn} AND cta.user_id = ${bind(scope.teacherId)} AND cta.ended_at IS NULL)`;
}
