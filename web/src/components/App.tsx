import type { PageConfig } from '../config';
import type { ApiTokensHost } from '../session';
import { DevSession } from './DevSession';
import { HostSession } from './HostSession';

interface AppProps {
  config: PageConfig;
  host: ApiTokensHost | null;
}

const Session = ({ config, host }: AppProps) => {
  if (host !== null) return <HostSession apiBase={config.apiBase} host={host} />;
  if (config.devSignInUrl !== null) return <DevSession apiBase={config.apiBase} signInUrl={config.devSignInUrl} />;
  return (
    <p class="callout">
      This page works inside the application it belongs to and uses your session there. Open Settings &gt; API Tokens
      from the application to manage your tokens.
    </p>
  );
};

/** The Settings > API Tokens page. */
export const App = (props: AppProps) => (
  <main>
    <header class="page-header">
      <h1 tabIndex={-1}>API Tokens</h1>
      <p class="intro">
        API tokens let other programs, such as Zapier, call the API on your behalf. Give each token only the access it
        needs, and revoke it when it is no longer used.
      </p>
    </header>
    <Session {...props} />
  </main>
);
