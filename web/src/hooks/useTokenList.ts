import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api';
import { errorMessage } from '../errors';
import type { TokenList, TokenView } from '../../../lib/contract';
import { useNewestLoad } from './useNewestLoad';

export interface TokenListState {
  /** The last list received; kept while a reload is under way or has failed. */
  list: TokenList | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
  /** Appends the next page (`list.next`) to the list; answers the tokens it added (none if it failed or was overtaken). */
  loadMore: () => Promise<TokenView[]>;
  loadingMore: boolean;
  /** Drops a token from the shown list and count at once, before the reload confirms it. */
  remove: (id: string) => void;
  /** Shows a token as the API last answered it (after an edit, a disable or an enable). */
  replace: (token: TokenView) => void;
}

/** Which tokens a list holds: those `GET /tokens` lists by default, or the revoked ones (`?status=revoked`). */
export type ListKind = 'working' | 'revoked';

export const useTokenList = (api: ApiClient, kind: ListKind = 'working'): TokenListState => {
  const [loadingMore, setLoadingMore] = useState(false);
  const fetchPage = useCallback(
    (cursor?: string | null) => (kind === 'revoked' ? api.listRevokedTokens(cursor) : api.listTokens(cursor)),
    [api, kind],
  );
  const load = useCallback(() => fetchPage(), [fetchPage]);
  const { data: list, setData: setList, error, setError, loading, reload, ticket, isCurrent } = useNewestLoad(load);

  useEffect(reload, [reload]);

  const loadMore = useCallback(async (): Promise<TokenView[]> => {
    const cursor = list?.next;
    if (!list || !cursor) return [];
    // A reload started meanwhile wins: its first page replaces whatever this page would add to.
    const call = ticket();
    setLoadingMore(true);
    try {
      const page = await fetchPage(cursor);
      if (!isCurrent(call)) return [];
      const shown = new Set(list.tokens.map((token) => token.id));
      const added = page.tokens.filter((token) => !shown.has(token.id));
      setList((old) => {
        if (!old) return page;
        const present = new Set(old.tokens.map((token) => token.id));
        return { ...page, tokens: [...old.tokens, ...page.tokens.filter((token) => !present.has(token.id))] };
      });
      setError(null);
      return added;
    } catch (e) {
      if (isCurrent(call)) setError(errorMessage(e));
      return [];
    } finally {
      setLoadingMore(false);
    }
  }, [fetchPage, list, ticket, isCurrent, setList, setError]);

  // Back from pasting a token into an integration, say: show what changed meanwhile.
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') reload();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [reload]);

  const remove = useCallback(
    (id: string) =>
      setList((old) => {
        const gone = old?.tokens.find((token) => token.id === id);
        if (!old || !gone) return old;
        // Expired tokens do not count as active; the reload that follows confirms the count.
        const active = gone.status === 'expired' ? old.active : old.active - 1;
        return { ...old, active, tokens: old.tokens.filter((token) => token !== gone) };
      }),
    [setList],
  );

  const replace = useCallback(
    (changed: TokenView) =>
      setList((old) =>
        old ? { ...old, tokens: old.tokens.map((token) => (token.id === changed.id ? changed : token)) } : old,
      ),
    [setList],
  );

  return { list, error, loading, reload, remove, replace, loadMore, loadingMore };
};
