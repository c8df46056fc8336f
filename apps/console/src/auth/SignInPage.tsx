import { type FormEvent, useId, useState } from 'react';
import { useText } from '../i18n/language';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { session } from './session';

/** The console's first page: user name and password; the session then lives in the cookie. */
export function SignInPage({ expired }: { expired: boolean }) {
  const text = useText();
  const [message, setMessage] = useState<string | null>(expired ? text.auth.signedOut : null);
  const [busy, setBusy] = useState(false);
  const usernameId = useId();
  const passwordId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setMessage(null);
    const outcome = await session.signIn(String(form.get('username') ?? ''), String(form.get('password') ?? '')).catch(() => 'failed' as const);
    setBusy(false);
    if (outcome !== 'ok') setMessage(text.auth[outcome]);
  }

  return (
    <div className="sign-in">
      <header className="sign-in-header">
        <p className="brand">{text.common.appName}</p>
        <LanguageSwitch />
      </header>
      <main id="main" className="sign-in-main">
        <h1>{text.auth.title}</h1>
        <form onSubmit={submit} noValidate={false}>
          <label htmlFor={usernameId}>{text.auth.username}</label>
          <input id={usernameId} name="username" autoComplete="username" required maxLength={100} autoCapitalize="none" spellCheck={false} />
          <label htmlFor={passwordId}>{text.auth.password}</label>
          <input id={passwordId} name="password" type="password" autoComplete="current-password" required maxLength={200} />
          {message && (
            <p className="form-error" role="alert">
              {message}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? text.auth.submitting : text.auth.submit}
          </button>
        </form>
      </main>
    </div>
  );
}
