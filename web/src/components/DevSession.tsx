import { useMemo, useState } from 'preact/hooks';
import { createApiClient } from '../api';
import { clearDevSession, loadDevSession, saveDevSession, type DevSession as Session } from '../session';
import { DevSignIn } from './DevSignIn';
import { TokenPage } from './TokenPage';

type SignedOutReason = 'initial' | 'signed-out' | 'expired';

/** Local development: a sign-in form, then the page with a session the local server signed. */
export const DevSession = ({ apiBase, signInUrl }: { apiBase: string; signInUrl: string }) => {
  const [session, setSession] = useState<Session | null>(loadDevSession);
  const [reason, setReason] = useState<SignedOutReason>('initial');

  const signOut = (why: SignedOutReason) => {
    clearDevSession();
    setSession(null);
    setReason(why);
  };

  const api = useMemo(
    () =>
      session &&
      createApiClient({
        apiBase,
        getSession: async () => session.session,
        onSessionExpired: () => signOut('expired'),
      }),
    [apiBase, session],
  );

  if (session === null || api === null) {
    return (
      <DevSignIn
        url={signInUrl}
        expired={reason === 'expired'}
        focusOnMount={reason !== 'initial'}
        onSignedIn={(token, userId) => setSession(saveDevSession(token, userId))}
      />
    );
  }
  return (
    <>
      <div class="session-bar">
        <p>{`Signed in as ${session.userId} (development)`}</p>
        <button type="button" onClick={() => signOut('signed-out')}>
          Sign out
        </button>
      </div>
      <TokenPage api={api} key={session.session} />
    </>
  );
};
