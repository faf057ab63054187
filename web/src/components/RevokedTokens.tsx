import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { ApiClient } from '../api';
import { countOf } from '../format';
import { useRowUsage } from '../hooks/useRowUsage';
import { useTokenList } from '../hooks/useTokenList';
import type { TokenView } from '../../../lib/contract';
import { TokenTable } from './TokenTable';
import { InlineError } from './InlineError';

export const REVOKED_CAPTION_ID = 'revoked-table-caption';

interface RevokedTokensProps {
  api: ApiClient;
  /** Changes when the page is refreshed or a token is revoked, to load the list again. */
  version: number;
  now: Date;
  openUsage: string | null;
  onUsage: (token: TokenView) => void;
  usage: (token: TokenView) => ComponentChildren;
  /** Told what the first load found, for the page to announce. */
  onShown: (message: string) => void;
}

/** The revoked tokens still kept, to look at: their rows show alerts such as use after revocation. */
export const RevokedTokens = ({ api, version, now, openUsage, onUsage, usage, onShown }: RevokedTokensProps) => {
  const { list, error, loading, reload, loadMore, loadingMore } = useTokenList(api, 'revoked');
  const reports = useRowUsage(api, list?.tokens ?? [], version);
  const firstVersion = useRef(version);
  const announced = useRef(false);

  useEffect(() => {
    if (version !== firstVersion.current) reload();
  }, [version, reload]);

  useEffect(() => {
    if (list === null || announced.current) return;
    announced.current = true;
    onShown(
      list.tokens.length === 0 ? 'No revoked tokens.' : `Showing ${countOf(list.tokens.length, 'revoked token')}.`,
    );
  }, [list, onShown]);

  return (
    <section class="revoked-tokens" aria-labelledby={REVOKED_CAPTION_ID} aria-busy={loading ? 'true' : undefined}>
      {error !== null && <InlineError message={error} onRetry={reload} />}
      {list === null ? (
        loading && <p>Loading revoked tokens…</p>
      ) : list.tokens.length === 0 ? (
        <p id={REVOKED_CAPTION_ID} tabIndex={-1}>
          No revoked tokens. Revoked tokens stay here, with their usage, for the retention period.
        </p>
      ) : (
        <TokenTable
          tokens={list.tokens}
          now={now}
          reports={reports}
          openUsage={openUsage}
          onUsage={onUsage}
          usage={usage}
          caption="Revoked tokens"
          captionId={REVOKED_CAPTION_ID}
        />
      )}
      {list?.next && (
        <p class="load-more">
          <button
            type="button"
            onClick={() => void loadMore()}
            disabled={loadingMore}
            aria-busy={loadingMore ? 'true' : undefined}
          >
            Load more revoked tokens
          </button>
        </p>
      )}
    </section>
  );
};
