import createClient from 'openapi-fetch';
import type { paths } from '../api/schema';

/** The header the session routes require: only a page of this server can send it. */
const CONSOLE_HEADER = { 'x-campus-care-console': '1' } as const;
/** Refresh this long before the access token expires (a quarter of a short lifetime), so that no request goes out with a dying one. */
const refreshMarginMs = (lifetimeMs: number) => Math.min(60_000, lifetimeMs / 4);
/** Every tab of the console refreshes under this lock: two refreshes at once would spend one cookie twice, which ends the session. */
const REFRESH_LOCK = 'campus-care-console-refresh';

export type SessionState = 'unknown' | 'signed-in' | 'signed-out';
export type SignInOutcome = 'ok' | 'invalid' | 'throttled' | 'failed';

/** The session routes go through a client of their own, without the access-token middleware. */
const sessionApi = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

/**
 * The console's sign-in session. The access token lives only here, in memory; the refresh
 * token is an httpOnly cookie the page cannot read (see the README's Console section).
 */
class ConsoleSession {
  private token: string | null = null;
  private refreshAt = 0;
  private state: SessionState = 'unknown';
  private refreshing: Promise<boolean> | null = null;
  private readonly listeners = new Set<(state: SessionState) => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  get current(): SessionState {
    return this.state;
  }

  subscribe(listener: (state: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async signIn(username: string, password: string): Promise<SignInOutcome> {
    const { data, response } = await sessionApi.POST('/api/v1/auth/session', { params: { header: CONSOLE_HEADER }, body: { username, password } });
    if (data) {
      this.accept(data.accessToken, data.expiresIn);
      return 'ok';
    }
    if (response.status === 401) return 'invalid';
    if (response.status === 429) return 'throttled';
    return 'failed';
  }

  async signOut(): Promise<void> {
    await sessionApi.POST('/api/v1/auth/session/end', { params: { header: CONSOLE_HEADER } }).catch(() => undefined);
    this.end();
  }

  /** A token good for the next minute, refreshing first when needed; null once signed out. */
  async accessToken(): Promise<string | null> {
    if (this.token && Date.now() < this.refreshAt) return this.token;
    if (this.state === 'signed-out') return null;
    return (await this.refresh()) ? this.token : null;
  }

  /** The server refused the token (it ended the session, or the clock is off): one refresh decides. */
  async refreshAfterRejection(): Promise<boolean> {
    this.token = null;
    return this.refresh();
  }

  /** Restores the session of an earlier page from the cookie, if it still holds. */
  restore(): Promise<boolean> {
    return this.refresh();
  }

  private refresh(): Promise<boolean> {
    this.refreshing ??= this.refreshUnderLock().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refreshUnderLock(): Promise<boolean> {
    const attempt = async () => {
      const { data } = await sessionApi.POST('/api/v1/auth/session/refresh', { params: { header: CONSOLE_HEADER } });
      if (!data) return false;
      this.accept(data.accessToken, data.expiresIn);
      return true;
    };
    try {
      const ok = 'locks' in navigator ? await navigator.locks.request(REFRESH_LOCK, attempt) : await attempt();
      if (!ok) this.end();
      return ok;
    } catch {
      // The network failed: keep the state, the next request tries again.
      return false;
    }
  }

  private accept(token: string, expiresInSeconds: number): void {
    const lifetimeMs = expiresInSeconds * 1000;
    this.token = token;
    this.refreshAt = Date.now() + lifetimeMs - refreshMarginMs(lifetimeMs);
    clearTimeout(this.timer);
    // Refresh ahead of expiry even while the page is idle, so that polling never meets a 401.
    this.timer = setTimeout(() => void this.refresh(), this.refreshAt - Date.now());
    this.set('signed-in');
  }

  private end(): void {
    this.token = null;
    this.refreshAt = 0;
    clearTimeout(this.timer);
    this.set('signed-out');
  }

  private set(state: SessionState): void {
    if (this.state === state) return;
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }
}

export const session = new ConsoleSession();
