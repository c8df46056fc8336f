import type { ReactNode } from 'react';
import type { Me } from '../auth/me';
import type { Dictionary } from '../i18n/dictionary';
import { teacherRoutes } from '../teacher/teacher.routes';
import { TodayPage } from '../today/TodayPage';

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

export const consoleRoutes: ConsoleRoute[] = [
  { path: '/', element: <TodayPage />, nav: 'today', available: (me) => !isClassTeacher(me) },
  ...teacherRoutes,
];
