import { useEffect, useRef, useState } from 'preact/hooks';
import { requestDevSession } from '../api';
import { errorMessage } from '../errors';

interface DevSignInProps {
  url: string;
  expired: boolean;
  /** Put focus in the form: after signing out or expiry, when the control that had it is gone. */
  focusOnMount: boolean;
  onSignedIn: (session: string, userId: string) => void;
}

/** Signs in against the local development server, which hands out sessions for any user id. */
export const DevSignIn = ({ url, expired, focusOnMount, onSignedIn }: DevSignInProps) => {
  const [userId, setUserId] = useState('dev-user');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (focusOnMount) input.current?.focus();
  }, [focusOnMount]);

  const submit = async (event: Event) => {
    event.preventDefault();
    const id = userId.trim();
    if (id === '') {
      setError('Enter a user id.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await requestDevSession(url, id), id);
    } catch (e) {
      setBusy(false);
      setError(errorMessage(e));
    }
  };

  return (
    <section class="dev-sign-in" aria-labelledby="dev-sign-in-title">
      <h2 id="dev-sign-in-title">Development sign-in</h2>
      {expired && (
        <p class="form-error" role="alert">
          Your session has expired. Sign in again.
        </p>
      )}
      <p class="help">
        The local server signs a session for any user id. Deployed, this page uses the application&apos;s session
        instead.
      </p>
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for="dev-user-id">User id</label>
          <input
            ref={input}
            id="dev-user-id"
            type="text"
            autoComplete="username"
            required
            value={userId}
            aria-invalid={error !== null ? 'true' : undefined}
            aria-describedby={error !== null ? 'dev-sign-in-error' : undefined}
            onInput={(e) => setUserId(e.currentTarget.value)}
          />
        </div>
        {error !== null && (
          <p class="form-error" role="alert" id="dev-sign-in-error">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          Sign in
        </button>
      </form>
    </section>
  );
};
