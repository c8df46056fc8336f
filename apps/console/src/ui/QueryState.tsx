import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { useText } from '../i18n/language';
import { NotFoundPage } from './NotFoundPage';

/**
 * What a query shows until it has data: a loading line, the not-found page for a 404 (a record
 * outside the caller's scope looks exactly like a missing one), else an error with a retry.
 */
export function QueryState<T>({
  query,
  children,
  whole = false,
}: {
  query: { data: T | undefined; error: unknown; refetch(): unknown };
  children: (data: T) => ReactNode;
  /** The query is the whole page: a 404 shows the not-found page. */
  whole?: boolean;
}) {
  const text = useText();
  if (query.data !== undefined) return <>{children(query.data)}</>;
  if (query.error) {
    if (whole && query.error instanceof ApiError && query.error.status === 404) return <NotFoundPage />;
    return <ErrorLine error={query.error} onRetry={() => void query.refetch()} />;
  }
  return (
    <p className="muted" role="status">
      {text.common.loading}
    </p>
  );
}

export function ErrorLine({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const text = useText();
  const message = error instanceof ApiError ? (error.status === 403 ? text.common.forbidden : (error.problem?.detail ?? text.common.loadFailed)) : text.common.networkFailed;
  return (
    <div className="form-error" role="alert">
      <span>{message}</span>
      {onRetry && (
        <button type="button" className="link-button" onClick={onRetry}>
          {text.common.retry}
        </button>
      )}
    </div>
  );
}
