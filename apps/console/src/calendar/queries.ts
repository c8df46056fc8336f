import { api, ok } from '../api/client';

/** Every calendar query starts with this key: one invalidation after a write refreshes the area. */
export const CALENDAR = 'calendar';

export const rulesQuery = (counselorId: string) => ({
  queryKey: [CALENDAR, 'rules', counselorId],
  queryFn: () => ok(api.GET('/api/v1/counselors/{counselorId}/availability-rules', { params: { path: { counselorId }, query: { limit: 200 } } })),
});

export const exceptionsQuery = (counselorId: string, from: string) => ({
  queryKey: [CALENDAR, 'exceptions', counselorId, from],
  queryFn: () => ok(api.GET('/api/v1/counselors/{counselorId}/availability-exceptions', { params: { path: { counselorId }, query: { from, limit: 200 } } })),
});

export const counselorCalendarQuery = (counselorId: string, from: Date, to: Date) => ({
  queryKey: [CALENDAR, 'span', counselorId, from.toISOString(), to.toISOString()],
  queryFn: () =>
    ok(api.GET('/api/v1/counselors/{counselorId}/calendar', { params: { path: { counselorId }, query: { from: from.toISOString(), to: to.toISOString() } } })),
});

export const waitingQuery = {
  queryKey: [CALENDAR, 'appointments', 'waiting'],
  queryFn: () => ok(api.GET('/api/v1/appointments', { params: { query: { status: ['requested', 'offered'], limit: 200 } } })),
} as const;

export const appointmentQuery = (appointmentId: string) => ({
  queryKey: [CALENDAR, 'appointment', appointmentId],
  queryFn: () => ok(api.GET('/api/v1/appointments/{appointmentId}', { params: { path: { appointmentId } } })),
});

export const notesQuery = (appointmentId: string) => ({
  queryKey: [CALENDAR, 'appointment', appointmentId, 'notes'],
  queryFn: () => ok(api.GET('/api/v1/appointments/{appointmentId}/notes', { params: { path: { appointmentId }, query: { limit: 200 } } })),
});
