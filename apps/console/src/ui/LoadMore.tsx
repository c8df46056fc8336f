import { useText } from '../i18n/language';
import { ErrorLine } from './QueryState';

/** The part of an infinite query that "load more" needs. */
interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  error: unknown;
  fetchNextPage(): unknown;
}

/** "Load more" under a keyset list (the next page through its cursor), and why it failed if it did. */
export function LoadMore({ query, label }: { query: PagedQuery; label?: string }) {
  const text = useText();
  if (!query.hasNextPage && !query.isFetchNextPageError) return null;
  return (
    <div className="actions">
      {query.hasNextPage && (
        <button type="button" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {label ?? text.common.more}
        </button>
      )}
      {query.isFetchNextPageError && <ErrorLine error={query.error} />}
    </div>
  );
}
