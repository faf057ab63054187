import { useState } from 'preact/hooks';
import type { ApiClient } from '../api';
import { useTokenList } from '../hooks/useTokenList';
import type { CreatedToken, TokenView } from '../../../lib/contract';
import { GenerateForm } from './GenerateForm';
import { OneTimeToken } from './OneTimeToken';
import { RevokeDialog } from './RevokeDialog';
import { TokenTable } from './TokenTable';
import { UsagePanel } from './UsagePanel';

const LIMIT_NOTE_ID = 'token-limit-note';

interface OpenUsage {
  token: TokenView;
  /** The button that opened the panel, where focus returns when it closes. */
  opener: HTMLElement;
}

/** The token list and everything done from it: generate, revoke, look at usage. */
export const TokenPage = ({ api }: { api: ApiClient }) => {
  const { list, error, loading, reload, remove, loadMore, loadingMore } = useTokenList(api);
  const [generating, setGenerating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revoking, setRevoking] = useState<TokenView | null>(null);
  const [usage, setUsage] = useState<OpenUsage | null>(null);
  const [usageVersion, setUsageVersion] = useState(0);
  const [notice, setNotice] = useState('');

  const atLimit = list !== null && list.active >= list.limit;

  const refresh = () => {
    reload();
    setUsageVersion((n) => n + 1);
  };

  const forget = (token: TokenView) => {
    remove(token.id);
    if (usage?.token.id === token.id) setUsage(null);
    reload();
  };

  const closeUsage = () => {
    const opener = usage?.opener;
    setUsage(null);
    if (opener?.isConnected) opener.focus();
  };

  return (
    <>
      <div class="toolbar">
        {list !== null && <p class="counter">{`${list.active} of ${list.limit} active tokens`}</p>}
        <div class="toolbar-actions">
          <button type="button" onClick={refresh} aria-busy={loading ? 'true' : undefined}>
            Refresh
          </button>
          <button
            type="button"
            class="primary"
            disabled={atLimit}
            aria-describedby={atLimit ? LIMIT_NOTE_ID : undefined}
            onClick={() => {
              setNotice('');
              setGenerating(true);
            }}
          >
            Generate New Token
          </button>
        </div>
      </div>
      {list !== null && atLimit && (
        <p class="limit-note" id={LIMIT_NOTE_ID}>
          {`You have reached the limit of ${list.limit} active tokens. Revoke a token you no longer use to generate a new one.`}
        </p>
      )}
      <p class="notice" role="status">
        {notice}
      </p>
      {error !== null && (
        <div class="inline-error">
          <p role="alert">{error}</p>
          <button type="button" onClick={reload}>
            Try again
          </button>
        </div>
      )}
      {list === null ? (
        loading && <p>Loading…</p>
      ) : list.tokens.length === 0 ? (
        <p class="empty">No API tokens yet.</p>
      ) : (
        <TokenTable
          tokens={list.tokens}
          onUsage={(token, opener) => setUsage({ token, opener })}
          onRevoke={(token) => {
            setNotice('');
            setRevoking(token);
          }}
        />
      )}
      {list?.next && (
        <p class="load-more">
          <button type="button" onClick={loadMore} disabled={loadingMore} aria-busy={loadingMore ? 'true' : undefined}>
            Load more
          </button>
        </p>
      )}
      {usage !== null && <UsagePanel api={api} token={usage.token} version={usageVersion} onClose={closeUsage} />}
      {generating && (
        <GenerateForm
          api={api}
          onCancel={() => setGenerating(false)}
          onCreated={(token) => {
            setGenerating(false);
            setCreated(token);
            reload();
          }}
          onLimitReached={reload}
        />
      )}
      {created !== null && <OneTimeToken token={created} onDone={() => setCreated(null)} />}
      {revoking !== null && (
        <RevokeDialog
          api={api}
          token={revoking}
          onRevoked={(token) => {
            setRevoking(null);
            setNotice('Token revoked.');
            forget(token);
          }}
          onMissing={forget}
          onClose={() => setRevoking(null)}
        />
      )}
    </>
  );
};
