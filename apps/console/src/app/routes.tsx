import type { ReactNode } from 'react';
import type { Me } from '../auth/me';
import type { Dictionary } from '../i18n/dictionary';
import { CasesPage } from '../cases/CasesPage';
import { CaseWorkspacePage } from '../cases/CaseWorkspacePage';
import { RemindersPage } from '../reminders/RemindersPage';
import { FlagPage } from '../flags/FlagPage';
import { FlagsPage } from '../flags/FlagsPage';
import { StudentPage } from '../students/StudentPage';
import { StudentsPage } from '../students/StudentsPage';
import { teacherRoutes } from '../teacher/teacher.routes';
import { CalendarPage } from '../calendar/CalendarPage';
import { AppointmentPage } from '../calendar/AppointmentPage';
import { CampaignPage } from '../screening/CampaignPage';
import { ScreeningPage } from '../screening/ScreeningPage';
import { SlipsPage } from '../screening/SlipsPage';
import { TodayPage } from '../today/TodayPage';
import { orgRoutes } from '../org/org.routes';
import { settingsRoutes } from '../settings/settings.routes';
import { readinessRoutes } from '../readiness/readiness.routes';
import { reportsRoutes } from '../reports/reports.routes';
import { oversightRoutes } from '../oversight/oversight.routes';
import { dutyRoutes } from '../duty/duty.routes';

/** A page of the console: where it is, whether the signed-in person's role has it, its menu entry. */
export interface ConsoleRoute {
  path: string;
  element: ReactNode;
  /** Shown in the menu under this name; pages opened from a link have none. */
  nav?: keyof Dictionary['nav'];
  /** Whether the role has the page at all: from the permissions the API gives, never more. */
  available(me: Me): boolean;
}

/** The route needs every one of these permissions. */
export const has = (...permissions: Me['permissions']) => (me: Me) => permissions.every((p) => me.permissions.includes(p));
export const isClassTeacher = (me: Me) => me.role === 'class_teacher';
export const isDutyOfficer = (me: Me) => me.role === 'duty_officer';

export const consoleRoutes: ConsoleRoute[] = [
  // Class teachers and duty officers have their own home at '/' (teacherRoutes, dutyRoutes).
  { path: '/', element: <TodayPage />, nav: 'today', available: (me) => !isClassTeacher(me) && !isDutyOfficer(me) },
  ...dutyRoutes,
  ...readinessRoutes,
  // Counselors' pages first in their menu; the class teacher's follow (their home is their '/').
  // Class teachers hold case.read only so that a case answers 404 (never on a team): no cases page for them.
  { path: '/cases', element: <CasesPage />, nav: 'cases', available: (me) => has('case.read')(me) && !isClassTeacher(me) },
  { path: '/cases/:caseId', element: <CaseWorkspacePage />, available: (me) => has('case.read')(me) && !isClassTeacher(me) },
  // Class teachers reach their students from their own classes page.
  { path: '/students', element: <StudentsPage />, nav: 'students', available: (me) => has('student.read')(me) && !isClassTeacher(me) },
  { path: '/students/:studentId', element: <StudentPage />, available: has('student.read') },
  // Class teachers have their own /flags pages (src/teacher/): these are for triage.
  { path: '/flags', element: <FlagsPage />, nav: 'triageFlags', available: has('concern_flag.triage') },
  { path: '/flags/:flagId', element: <FlagPage />, available: has('concern_flag.triage') },
  { path: '/screening', element: <ScreeningPage />, nav: 'screening', available: has('screening_campaign.read') },
  { path: '/screening/:campaignId', element: <CampaignPage />, available: has('screening_campaign.read') },
  { path: '/screening/:campaignId/classes/:classId/slips', element: <SlipsPage />, available: has('screening_slips.print', 'screening_campaign.read') },
  // A counselor's own calendar: their availability, sessions and the requests waiting for them.
  { path: '/calendar', element: <CalendarPage />, nav: 'calendar', available: has('counselor_availability.manage', 'appointment.book') },
  { path: '/calendar/appointments/:appointmentId', element: <AppointmentPage />, available: has('appointment.book') },
  ...teacherRoutes,
  ...reportsRoutes,
  ...orgRoutes,
  ...settingsRoutes,
  ...oversightRoutes,
  { path: '/reminders', element: <RemindersPage />, nav: 'reminders', available: has('reminder.work') },
];
