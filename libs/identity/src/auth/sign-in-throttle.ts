/** Failed sign-ins allowed per account within the window before the account is refused. */
export const MAX_FAILED_SIGN_INS = 10;
export const FAILED_SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const LOCKOUT_MS = 15 * 60 * 1000;

export interface FailedSignInState {
  count: number;
  windowStartedAt: Date | null;
  lockedUntil: Date | null;
}

export function isLocked(state: FailedSignInState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/** The state after one more failure: a new window once the old one has passed; locked at the limit. */
export function afterFailedSignIn(
  state: FailedSignInState,
  now: Date,
): { count: number; windowStartedAt: Date; lockedUntil: Date | null } {
  const windowOpen =
    state.windowStartedAt !== null && now.getTime() - state.windowStartedAt.getTime() < FAILED_SIGN_IN_WINDOW_MS;
  const count = windowOpen ? state.count + 1 : 1;
  const windowStartedAt = windowOpen && state.windowStartedAt ? state.windowStartedAt : now;
  const lockedUntil = count >= MAX_FAILED_SIGN_INS ? new Date(now.getTime() + LOCKOUT_MS) : isLocked(state, now) ? state.lockedUntil : null;
  return { count, windowStartedAt, lockedUntil };
}
