import { type Caller, ROLE_REACH } from '#access';
import type { BindParameter } from './sql-parameters.js';

/**
 * The students a caller may reach, as a SQL condition on the `students` alias given. Every query
 * that touches a student puts it in its WHERE clause, so scope is enforced by the database and a
 * student out of scope looks exactly like a missing one. The reach of each role is data in
 * `ROLE_REACH` (#access): the school, the classes they currently teach, or nobody.
 */
export function visibleStudentsCondition(caller: Caller, students: string, bind: BindParameter): string {
  // Bound only where used: a placeholder without a use leaves PostgreSQL unable to type it.
  const ofSchool = () => `${students}.school_id = ${bind(caller.schoolId)}`;
  switch (ROLE_REACH[caller.role]) {
    case 'school':
      return ofSchool();
    case 'taught_classes':
      return `${ofSchool()} AND EXISTS (
        SELECT 1 FROM class_teacher_assignments cta
         WHERE cta.class_id = ${students}.class_id AND cta.user_id = ${bind(caller.userId)} AND cta.ended_at IS NULL)`;
    case 'none':
      return 'FALSE';
  }
}
