import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { BrowserRouter } from 'react-router';
import { ApiError } from '../api/client';
import { meQuery } from '../auth/me';
import { session } from '../auth/session';
import { SignInPage } from '../auth/SignInPage';
import { LanguageProvider, useText } from '../i18n/language';
import { ErrorLine } from '../ui/QueryState';
import { Shell } from './Shell';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refused or missing record is an answer, not a hiccup: never retried.
      retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
      refetchOnWindowFocus: true,
    },
  },
});

export function App() {
  return (
    <LanguageProvider>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter basename="/console">
          <SessionGate />
        </BrowserRouter>
      </QueryClientProvider>
    </LanguageProvider>
  );
}

const subscribe = (listener: () => void) => session.subscribe(listener);
const sessionState = () => session.current;

/** Restores the session from its cookie, else asks to sign in; signing out forgets every answer. */
function SessionGate() {
  const text = useText();
  const state = useSyncExternalStore(subscribe, sessionState);
  const client = useQueryClient();
  const [wasSignedIn, setWasSignedIn] = useState(false);
  useEffect(() => {
    void session.restore();
  }, []);
  useEffect(() => {
    if (state === 'signed-in') setWasSignedIn(true);
    if (state === 'signed-out') client.clear();
  }, [state, client]);
  if (state === 'unknown') return <p className="muted page">{text.common.loading}</p>;
  if (state === 'signed-out') return <SignInPage expired={wasSignedIn} />;
  return <Profile />;
}

function Profile() {
  const text = useText();
  const me = useQuery(meQuery);
  if (me.data) return <Shell />;
  if (me.error) return <ErrorLine error={me.error} onRetry={() => void me.refetch()} />;
  return <p className="muted page">{text.common.loading}</p>;
}
