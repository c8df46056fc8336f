import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { useText } from '../i18n/language';
import { QueryState } from '../ui/QueryState';

/**
 * QueryState for one section of the student page: a 404 there (risk without a break-glass
 * grant, say) says the part is out of reach, and the rest of the page stays.
 */
export function SectionState<T>({ query, children }: { query: { data: T | undefined; error: unknown; refetch(): unknown }; children: (data: T) => ReactNode }) {
  const text = useText();
  if (query.data === undefined && query.error instanceof ApiError && query.error.status === 404) return <p className="muted">{text.students.outOfReach}</p>;
  return <QueryState query={query}>{children}</QueryState>;
}
