import { infiniteQueryOptions } from '@tanstack/react-query';
import { api, ok, type Schemas } from '../api/client';

export type FlagStatus = Schemas['FlagStatus'];

/** New flags appear on the panel within this long without a reload. */
export const NEW_FLAGS_POLL_MS = 10_000;

/** Pages of the school's flags (the counselor's view, without the teacher's words), newest first as the API orders them. */
export const flagListQuery = (status: FlagStatus[]) =>
  infiniteQueryOptions({
    queryKey: ['concern-flags', 'list', status],
    queryFn: ({ pageParam }) =>
      ok(api.GET('/api/v1/concern-flags', { params: { query: { status: status.length ? status : undefined, limit: 50, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last?.nextCursor ?? undefined,
  });
