import { useMemo, useState } from 'preact/hooks';
import { createApiClient } from '../api';
import type { ApiTokensHost } from '../session';
import { TokenPage } from './TokenPage';

/** Embedded in the host application: every call asks the host for its current session. */
export const HostSession = ({ apiBase, host }: { apiBase: string; host: ApiTokensHost }) => {
  const [expired, setExpired] = useState(false);
  const api = useMemo(
    () => createApiClient({ apiBase, getSession: () => host.getSession(), onSessionExpired: () => setExpired(true) }),
    [apiBase, host],
  );
  if (expired) {
    return (
      <div class="inline-error">
        <p role="alert">Your session has expired. Sign in to the application again.</p>
        {/* The host may have renewed its session meanwhile, in another tab say. */}
        <button type="button" onClick={() => setExpired(false)}>
          Try again
        </button>
      </div>
    );
  }
  return <TokenPage api={api} />;
};
