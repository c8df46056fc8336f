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
  /** The school's acknowledgement deadlines per severity. */
  AlertSettingsManage: 'alert_settings.manage',
  InstrumentRead: 'instrument.read',
  FlagRaise: 'concern_flag.raise',
  /** Counselors read their school's flags; a class teacher only the flags they raised. */
  FlagRead: 'concern_flag.read',
  FlagTriage: 'concern_flag.triage',
  RiskRegisterRead: 'risk_register.read',
  /** One student's level and history: counselors, or anyone else with a break-glass grant. */
  StudentRiskRead: 'student_risk.read',
  RiskAssess: 'risk.assess',
  CaseOpen: 'case.open',
  /**
   * Reading a case: its team and break-glass only. Class teachers and administrators hold it so
   * that a case they may not see answers 404, like a missing one, rather than 403.
   */
  CaseRead: 'case.read',
  /** Working on a case (state, risk, team, tasks, contacts, referrals, notes): its team only. */
  CaseWork: 'case.work',
  /** Approving the closure of a high- or critical-risk case: a second person. */
  CaseClosureApprove: 'case.closure_approve',
  ReferralAgencyManage: 'referral_agency.manage',
  /** Aggregates only: counts, timings, distributions; never a student. */
  ReportRead: 'report.read',
  /** Create, edit and open/close campaigns; export invitations (the campaign's team only). */
  ScreeningCampaignManage: 'screening_campaign.manage',
  /** Campaigns and their progress (counts only). */
  ScreeningCampaignRead: 'screening_campaign.read',
  /** Who has not yet answered: names and student numbers, never scores (a teacher: their classes only). */
  ScreeningPendingStudentsRead: 'screening_pending_students.read',
  /** Paper results and CSV imports of results (the campaign's team only). */
  ScreeningResponseEnter: 'screening_response.enter',
  /** One response with its answers: the campaign's team, or a break-glass grant for the student. */
  ScreeningResponseRead: 'screening_response.read',
  /** A student's screening summaries, without answers. */
  ScreeningResultsRead: 'screening_result.read',
  /** Printable survey slips of a class, with links and QR codes: the campaign's team or the class's current teachers (audited). */
  ScreeningSlipsPrint: 'screening_slips.print',
  /** Read and replace the help resources (counseling centre, help lines) students see after a survey. */
  HelpResourcesManage: 'help_resources.manage',
  /** Topics, activities, coverage and catch-ups (a class teacher: their classes only). */
  EducationRead: 'education.read',
  /** The school's own education topics (system topics are reference data). */
  EducationTopicManage: 'education_topic.manage',
  /** Plan, edit and cancel activities (a class teacher: for their own classes). */
  EducationPlan: 'education_activity.plan',
  /** Confirm or correct a class's delivery and complete catch-ups (a class teacher: their classes). */
  EducationConfirm: 'education_delivery.confirm',
  /** One's own weekly availability and exceptions (the head of counseling: any counselor's of the school). */
  CounselorAvailabilityManage: 'counselor_availability.manage',
  /** Counselors' free and booked time; who is booked only for the counselor and the student's case team. */
  CounselorCalendarRead: 'counselor_calendar.read',
  /** One's own sessions as an iCalendar feed, and the secret address to subscribe to it. */
  CounselorCalendarExport: 'counselor_calendar.export',
  /** Book, confirm, reschedule, decline and cancel sessions, and record how they went (one's own). */
  AppointmentBook: 'appointment.book',
  /** Ask a counselor for a session for a student of one's own classes. */
  AppointmentRequest: 'appointment.request',
  /** Counselors: their sessions and the waiting requests; a class teacher: the outcome of their own requests. */
  AppointmentRead: 'appointment.read',
  /** Write notes on one's own sessions. */
  SessionNoteWrite: 'session_note.write',
  /**
   * Read session notes: the session's counselor, the student's open-case team, or break-glass.
   * Class teachers and administrators hold it so that a note they may not see answers 404, not 403.
   */
  SessionNoteRead: 'session_note.read',
  CounselingSettingsManage: 'counseling_settings.manage',
  /** Terms, holidays, window lengths and the key windows of the school. */
  CalendarRead: 'calendar.read',
  CalendarManage: 'calendar.manage',
  /** Who is on duty when, with their phone (handover notes only for those who stand duty and administrators). */
  DutyRosterRead: 'duty_roster.read',
  DutyRosterManage: 'duty_roster.manage',
  /** Confirm one's own shift is reachable (someone else's answers 404). */
  DutyShiftConfirm: 'duty_shift.confirm',
  /** Register a student's holiday category (a class teacher: students of their current classes). */
  HolidayCategoryRegister: 'holiday_category.register',
  /** Holiday categories and who is not registered yet (a class teacher: their classes). */
  HolidayCategoryRead: 'holiday_category.read',
  /** The students on campus or on internships over a holiday, with how to reach them: duty officers. */
  HolidayOnSiteRead: 'holiday_on_site.read',
  /** Apply for temporary hardship aid for a disaster-affected student (a class teacher: students of their current classes). */
  HardshipAidApply: 'hardship_aid.apply',
  /** Hardship-aid applications: a class teacher their own applications' status, counselors the school's, administrators with amounts. */
  HardshipAidRead: 'hardship_aid.read',
  /** Approve or reject an application and record its payment: administrators, never the applicant for approval. */
  HardshipAidReview: 'hardship_aid.review',
  /** Record or revise a high-risk student's holiday safety plan (counselors) and read it (counselors; administrators through break-glass). */
  HolidaySafetyPlanWrite: 'holiday_safety_plan.write',
  HolidaySafetyPlanRead: 'holiday_safety_plan.read',
  /** One's own reminders (and those escalated to one): list, acknowledge, snooze, complete. */
  ReminderWork: 'reminder.work',
  /** The school's reminder rules: read (every recipient may see why they get what they get). */
  ReminderRuleRead: 'reminder_rule.read',
  /** Change, add or switch off the school's reminder rules. */
  ReminderRuleManage: 'reminder_rule.manage',
  /** Counts by window, rule and status, and the overdue reminders of the school. */
  ReminderReportRead: 'reminder_report.read',
  /** The school's webhook endpoints: register, change, rotate their secrets, test, remove. */
  WebhookManage: 'webhook.manage',
  /** Who receives the school's signed audit anchor automatically (before each holiday, at term end), and sending it now. */
  AuditAnchorDispatch: 'audit_anchor.dispatch',
  SelfManage: 'self.manage',
} as const;

export type Permission = (typeof Permission)[keyof typeof Permission];

export const ROLES = ['admin', 'counseling_lead', 'counselor', 'class_teacher', 'duty_officer'] as const;
export type Role = (typeof ROLES)[number];

const P = Permission;
const EVERY_STAFF_MEMBER: Permission[] = [P.SelfManage, P.NotificationRead, P.SchoolRead, P.CalendarRead, P.DutyRosterRead, P.DutyShiftConfirm, P.ReminderWork, P.ReminderRuleRead];

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
  P.ScreeningCampaignManage,
  P.ScreeningCampaignRead,
  P.ScreeningPendingStudentsRead,
  P.ScreeningResponseEnter,
  P.ScreeningResponseRead,
  P.ScreeningResultsRead,
  P.ScreeningSlipsPrint,
  P.CaseOpen,
  P.CaseRead,
  P.CaseWork,
  P.CounselorAvailabilityManage,
  P.CounselorCalendarRead,
  P.CounselorCalendarExport,
  P.AppointmentBook,
  P.AppointmentRead,
  P.SessionNoteWrite,
  P.SessionNoteRead,
  P.EducationRead,
  P.EducationPlan,
  P.EducationConfirm,
  P.HolidayCategoryRegister,
  P.HolidayCategoryRead,
  P.HardshipAidApply,
  P.HardshipAidRead,
  P.HolidaySafetyPlanWrite,
  P.HolidaySafetyPlanRead,
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
    P.CaseRead,
    P.CaseClosureApprove,
    P.ReferralAgencyManage,
    P.CounselingSettingsManage,
    // Counselors' free and booked time (who is booked stays hidden); session notes through break-glass only.
    P.CounselorCalendarRead,
    P.SessionNoteRead,
    // Clinical records through break-glass only (the service checks the grant).
    P.StudentRiskRead,
    P.AlertSettingsManage,
    // Administrators receive the last escalation step, so they must be able to act on it.
    P.AlertRead,
    P.AlertAcknowledge,
    P.InstrumentRead,
    // Campaign progress for reports (counts only).
    P.ScreeningCampaignRead,
    // A response's answers through break-glass only: without a grant the scope yields nothing (404).
    P.ScreeningResponseRead,
    P.HelpResourcesManage,
    P.EducationRead,
    P.EducationTopicManage,
    P.EducationPlan,
    P.EducationConfirm,
    P.CalendarManage,
    P.DutyRosterManage,
    P.HolidayCategoryRegister,
    P.HolidayCategoryRead,
    P.HolidayOnSiteRead,
    P.HardshipAidApply,
    P.HardshipAidRead,
    P.HardshipAidReview,
    // A safety plan is clinical: through break-glass only (the service checks the grant).
    P.HolidaySafetyPlanRead,
    P.ReminderRuleManage,
    P.ReminderReportRead,
    P.WebhookManage,
    P.AuditAnchorDispatch,
  ]),
  counselor: new Set(COUNSELOR),
  // The head of counseling: a counselor who also receives first escalations, reads the reports,
  // approves the closure of high-risk cases, keeps the list of referral agencies and the school's education topics.
  counseling_lead: new Set([
    ...COUNSELOR,
    P.CounselingSettingsManage,
    P.ReportRead,
    P.CaseClosureApprove,
    P.ReferralAgencyManage,
    P.EducationTopicManage,
    P.AlertSettingsManage,
    P.ReminderReportRead,
  ]),
  class_teacher: new Set([
    ...EVERY_STAFF_MEMBER,
    P.ClassRead,
    P.StudentRead,
    P.GuardianRead,
    P.FlagRaise,
    P.FlagRead,
    // Their own classes' students who have not answered yet, to remind them.
    P.ScreeningPendingStudentsRead,
    // Slips with survey links for their current classes, to hand out (the service checks the class).
    P.ScreeningSlipsPrint,
    // Held so a teacher reading a response gets 404 like a missing one, not a 403 that says it exists:
    // teachers are never on a campaign's team and cannot use break-glass, so the scope yields nothing.
    P.ScreeningResponseRead,
    // The same for cases: teachers are never on a case's team.
    P.CaseRead,
    // Ask for a session for their students and see its outcome; see when counselors are free.
    P.AppointmentRequest,
    P.AppointmentRead,
    P.CounselorCalendarRead,
    // Held so a teacher reading a session note gets 404 like a missing one: never the session's
    // counselor, never on a case team, no break-glass, so the scope yields nothing.
    P.SessionNoteRead,
    // Safety education for their own classes: plan it, confirm it, see their coverage.
    P.EducationRead,
    P.EducationPlan,
    P.EducationConfirm,
    // Holiday categories of their own classes' students.
    P.HolidayCategoryRegister,
    P.HolidayCategoryRead,
    // Hardship aid for their own classes' disaster-affected students, and the status of what they applied for.
    P.HardshipAidApply,
    P.HardshipAidRead,
  ]),
  // Duty officers see students only through the alerts routed to them while on holiday duty
  // (the alerts service scopes them to those; any other alert answers 404), and the school's
  // students on campus or on internships over a holiday, who they may have to reach.
  duty_officer: new Set([...EVERY_STAFF_MEMBER, P.AlertRead, P.AlertAcknowledge, P.HolidayOnSiteRead]),
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleHasPermission(role: string, permission: Permission): boolean {
  return isRole(role) && ROLE_PERMISSIONS[role].has(permission);
}
