import { api, ok } from '../api/client';

/** The queries the teacher's pages share, so that one write refreshes every page that shows it. */
export const teacherKeys = {
  // Keys of their own under the shared prefixes: the counselor's pages cache other shapes of the same lists.
  students: (classId: string) => ['students', 'of-class', classId] as const,
  /** Every flag query: what a new flag must refresh. */
  allFlags: ['concern-flags'] as const,
  myFlags: ['concern-flags', 'mine'] as const,
  flag: (flagId: string) => ['concern-flags', flagId] as const,
  awaitingAnswers: ['screening-awaiting-answers'] as const,
  pendingStudents: (campaignId: string, classId?: string) => ['screening-pending', campaignId, { classId }] as const,
  activities: (classId: string) => ['education-activities', { classId }] as const,
  catchUps: ['education-catch-ups'] as const,
  holidays: ['holidays'] as const,
  unregistered: (holidayId: string, classId: string) => ['holiday-categories', holidayId, 'unregistered', classId] as const,
  categories: (holidayId: string, classId: string) => ['holiday-categories', holidayId, 'registered', classId] as const,
};

/** Every student of a class on one page: a class has far fewer than 200. */
export const studentsOfClassQuery = (classId: string) => ({
  queryKey: teacherKeys.students(classId),
  queryFn: () => ok(api.GET('/api/v1/students', { params: { query: { classId, limit: 200 } } })),
});

export const awaitingAnswersQuery = {
  queryKey: teacherKeys.awaitingAnswers,
  queryFn: () => ok(api.GET('/api/v1/screening-campaigns/open/awaiting-answers', { params: { query: { limit: 50 } } })),
};

export const activitiesOfClassQuery = (classId: string) => ({
  queryKey: teacherKeys.activities(classId),
  queryFn: () => ok(api.GET('/api/v1/education/activities', { params: { query: { classId, limit: 100 } } })),
});

export const catchUpsQuery = {
  queryKey: teacherKeys.catchUps,
  queryFn: () => ok(api.GET('/api/v1/education/catch-ups', { params: { query: { status: ['needed'], limit: 200 } } })),
};

export const holidaysQuery = {
  queryKey: teacherKeys.holidays,
  queryFn: () => ok(api.GET('/api/v1/calendar/holidays', { params: { query: { limit: 200 } } })),
};

export const unregisteredQuery = (holidayId: string, classId: string) => ({
  queryKey: teacherKeys.unregistered(holidayId, classId),
  queryFn: () => ok(api.GET('/api/v1/calendar/holidays/{holidayId}/categories/unregistered', { params: { path: { holidayId }, query: { classId, limit: 200 } } })),
});

export const categoriesQuery = (holidayId: string, classId: string) => ({
  queryKey: teacherKeys.categories(holidayId, classId),
  queryFn: () => ok(api.GET('/api/v1/calendar/holidays/{holidayId}/categories', { params: { path: { holidayId }, query: { classId, limit: 200 } } })),
});
