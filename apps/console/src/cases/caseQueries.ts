import { type QueryClient, useQuery } from '@tanstack/react-query';
import { api, ok, type Schemas } from '../api/client';
import { useCan } from '../auth/me';
import { useText } from '../i18n/language';
import { newestFirst } from './caseTime';

export type CaseDetail = Schemas['CaseDetail'];
export type CaseTask = Schemas['CaseTaskView'];
export type CaseReferral = Schemas['CaseReferralView'];

/** Every page of a keyset list, followed to its end (a case's own records are few). */
export async function allPages<T>(fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** Everything of one case sits under this key: one invalidation refreshes the workspace. */
export const caseKey = (caseId: string) => ['cases', 'case', caseId] as const;

export const caseQuery = (caseId: string) => ({
  queryKey: [...caseKey(caseId), 'detail'],
  queryFn: () => ok(api.GET('/api/v1/cases/{caseId}', { params: { path: { caseId } } })),
  // What the user sees is the version their writes are based on: no silent refresh under them.
  refetchOnWindowFocus: false,
});

export const tasksQuery = (caseId: string) => ({
  queryKey: [...caseKey(caseId), 'tasks'],
  queryFn: () => allPages((cursor) => ok(api.GET('/api/v1/cases/{caseId}/tasks', { params: { path: { caseId }, query: { limit: 200, cursor } } }))),
  refetchOnWindowFocus: false,
});

export const referralsQuery = (caseId: string) => ({
  queryKey: [...caseKey(caseId), 'referrals'],
  queryFn: () => allPages((cursor) => ok(api.GET('/api/v1/cases/{caseId}/referrals', { params: { path: { caseId }, query: { limit: 200, cursor } } }))),
  refetchOnWindowFocus: false,
});

export const timelineQuery = (caseId: string) => ({
  queryKey: [...caseKey(caseId), 'timeline'],
  queryFn: async () =>
    newestFirst(await allPages((cursor) => ok(api.GET('/api/v1/cases/{caseId}/timeline', { params: { path: { caseId }, query: { limit: 200, cursor } } })))),
});

/** After a write: the case, its sections and its timeline, and the lists that count its tasks. */
export async function refreshCase(queryClient: QueryClient, caseId: string): Promise<void> {
  await Promise.all([queryClient.invalidateQueries({ queryKey: caseKey(caseId) }), queryClient.invalidateQueries({ queryKey: ['cases', 'list'] })]);
}

/** The school's counselors (for the team, the owner, task assignees), when the role may list them. */
export function useCounselors() {
  const can = useCan();
  return useQuery({
    queryKey: ['counselors'],
    queryFn: () => allPages((cursor) => ok(api.GET('/api/v1/counselors', { params: { query: { limit: 200, cursor } } }))),
    enabled: can('counselor_calendar.read'),
    staleTime: 5 * 60_000,
  });
}

/** A person's name from the case team or the counselors list; "a colleague" when neither has it. */
export function usePeopleNames(caseDetail: CaseDetail): (userId: string | null) => string {
  const text = useText();
  const counselors = useCounselors();
  const names = new Map<string, string>();
  for (const counselor of counselors.data ?? []) names.set(counselor.id, counselor.displayName);
  for (const member of caseDetail.team) names.set(member.userId, member.displayName);
  return (userId) => (userId === null ? text.cases.system : (names.get(userId) ?? text.cases.someone));
}
