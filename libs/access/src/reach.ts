import type { Role } from './permissions.js';

/**
 * How far each role reaches into the school's classes and students: data, not branches.
 * Queries turn it into SQL (students' `visibleStudentsCondition`, classes' `classScopeOf`).
 */
export type Reach = 'school' | 'taught_classes' | 'none';

export const ROLE_REACH: Record<Role, Reach> = {
  admin: 'school',
  counseling_lead: 'school',
  counselor: 'school',
  class_teacher: 'taught_classes',
  // Duty officers reach students through the alerts routed to them only.
  duty_officer: 'none',
};
