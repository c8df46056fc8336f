import type { ConsoleRoute } from '../app/routes';
import type { Me } from '../auth/me';
import { ClassPage } from './ClassPage';
import { EducationPage } from './EducationPage';
import { HolidayCategoriesPage } from './HolidayCategoriesPage';
import { MyClassesPage } from './MyClassesPage';
import { FlagPage, MyFlagsPage } from './MyFlagsPage';
import { RaiseFlagPage } from './RaiseFlagPage';
import { TeacherHomePage } from './TeacherHomePage';

const isClassTeacher = (me: Me) => me.role === 'class_teacher';
const teacherWith = (permission: Me['permissions'][number]) => (me: Me) => isClassTeacher(me) && me.permissions.includes(permission);

/** The class teacher's pages. Counselors get their own pages at /flags from another area. */
export const teacherRoutes: ConsoleRoute[] = [
  { path: '/', element: <TeacherHomePage />, nav: 'home', available: isClassTeacher },
  { path: '/classes', element: <MyClassesPage />, nav: 'myClasses', available: teacherWith('class.read') },
  { path: '/classes/:classId', element: <ClassPage />, available: teacherWith('class.read') },
  { path: '/flags/new', element: <RaiseFlagPage />, nav: 'raiseFlag', available: teacherWith('concern_flag.raise') },
  { path: '/flags', element: <MyFlagsPage />, nav: 'myFlags', available: teacherWith('concern_flag.read') },
  { path: '/flags/:flagId', element: <FlagPage />, available: teacherWith('concern_flag.read') },
  { path: '/education', element: <EducationPage />, nav: 'education', available: teacherWith('education.read') },
  { path: '/holiday-categories', element: <HolidayCategoriesPage />, nav: 'holidayCategories', available: teacherWith('holiday_category.read') },
];
