/**
 * Every permission a route can require. A route declares exactly one; roles grant them.
 * Object scope (which students, which cases) is enforced in the queries, not here.
 */
export const Permission = {
  SchoolRead: 'school.read',
  SchoolManage: 'school.manage',
  UserRead: 'user.read',
  UserManage: 'user.manage',
  ClassRead: 'class.read',
  ClassManage: 'class.manage',
  StudentRead: 'student.read',
  StudentManage: 'student.manage',
  StudentImport: 'student.import',
  GuardianRead: 'guardian.read',
  GuardianManage: 'guardian.manage',
  BreakGlassUse: 'break_glass.use',
  BreakGlassReview: 'break_glass.review',
  AuditRead: 'audit.read',
  NotificationRead: 'notification.read',
  AlertRead: 'alert.read',
  AlertAcknowledge: 'alert.acknowledge',
  InstrumentRead: 'instrument.read',
  FlagRaise: 'concern_flag.raise',
  /** Counselors read their school's flags; a class teacher only the flags they raised. */
  FlagRead: 'concern_flag.read',
  FlagTriage: 'concern_flag.triage',
  RiskRegisterRead: 'risk_register.read',
  /** One student's level and history: counselors, or anyone else with a break-glass grant. */
  StudentRiskRead: 'student_risk.read',
  RiskAssess: 'risk.assess',
  /** Aggregates only: counts, timings, distributions; never a student. */
  ReportRead: 'report.read',
  SelfManage: 'self.manage',
} as const;

export type Permission = (typeof Permission)[keyof typeof Permission];

export const ROLES = ['admin', 'counseling_lead', 'counselor', 'class_teacher', 'duty_officer'] as const;
export type Role = (typeof ROLES)[number];

const P = Permission;
const EVERY_STAFF_MEMBER: Permission[] = [P.SelfManage, P.NotificationRead, P.SchoolRead];

const COUNSELOR: Permission[] = [
  ...EVERY_STAFF_MEMBER,
  P.UserRead,
  P.ClassRead,
  P.StudentRead,
  P.GuardianRead,
  P.BreakGlassUse,
  P.AlertRead,
  P.AlertAcknowledge,
  P.FlagRaise,
  P.FlagRead,
  P.FlagTriage,
  P.InstrumentRead,
  P.RiskRegisterRead,
  P.StudentRiskRead,
  P.RiskAssess,
];

/** The one map from role to permissions. Adding a role is adding a row here (and to the role check). */
export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set([
    ...EVERY_STAFF_MEMBER,
    P.SchoolManage,
    P.UserRead,
    P.UserManage,
    P.ClassRead,
    P.ClassManage,
    P.StudentRead,
    P.StudentManage,
    P.StudentImport,
    P.GuardianRead,
    P.GuardianManage,
    P.BreakGlassUse,
    P.BreakGlassReview,
    P.AuditRead,
    P.ReportRead,
    // Clinical records through break-glass only (the service checks the grant).
    P.StudentRiskRead,
    // Administrators receive the last escalation step, so they must be able to act on it.
    P.AlertRead,
    P.AlertAcknowledge,
    P.InstrumentRead,
  ]),
  counselor: new Set(COUNSELOR),
  // The head of counseling: a counselor who also receives first escalations, reads the reports
  // (and, later, approves closures).
  counseling_lead: new Set([...COUNSELOR, P.ReportRead]),
  class_teacher: new Set([...EVERY_STAFF_MEMBER, P.ClassRead, P.StudentRead, P.GuardianRead, P.FlagRaise, P.FlagRead]),
  // Duty officers see students only through the alerts they receive (Monitoring issue).
  duty_officer: new Set([...EVERY_STAFF_MEMBER]),
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleHasPermission(role: string, permission: Permission): boolean {
  return isRole(role) && ROLE_PERMISSIONS[role].has(permission);
}
