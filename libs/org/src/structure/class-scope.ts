import { type Caller, ROLE_REACH } from '#access';

/**
 * The classes a caller may see. It names the teacher, not their classes: repositories read the
 * current assignments on every query, so an ended assignment narrows the scope at once.
 */
export interface ClassScope {
  schoolId: string;
  /** Set when the caller sees only the classes this user currently teaches. */
  teacherId: string | null;
}

export function classScopeOf(caller: Caller): ClassScope {
  // Roles that reach no class see only the classes they teach, which for them is none.
  return { schoolId: caller.schoolId, teacherId: ROLE_REACH[caller.role] === 'school' ? null : caller.userId };
}
