import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api, ok, type Schemas } from '../api/client';

/** Reminders change when the scheduler sweeps: a page left open catches up within a minute. */
const SWEEP_POLL_MS = 60_000;
const PAGE_SIZE = 200;

export const remindersKey = ['reminders'] as const;

const inbox = (view: Schemas['InboxView']) =>
  infiniteQueryOptions({
    queryKey: [...remindersKey, view],
    queryFn: ({ pageParam }: { pageParam: string | undefined }) => ok(api.GET('/api/v1/reminders', { params: { query: { view, limit: PAGE_SIZE, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    refetchInterval: SWEEP_POLL_MS,
  });

export const myRemindersQuery = inbox('mine');
export const escalatedRemindersQuery = inbox('escalated');

export const reminderCountsQuery = queryOptions({
  queryKey: [...remindersKey, 'counts'],
  queryFn: () => ok(api.GET('/api/v1/reminders/counts')),
});
