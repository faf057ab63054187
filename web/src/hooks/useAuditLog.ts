import { useCallback, useEffect } from 'preact/hooks';
import type { ApiClient } from '../api';
import { errorMessage } from '../errors';
import type { AuditEvent } from '../../../lib/contract';
import { useNewestLoad } from './useNewestLoad';

export interface AuditLogState {
  events: AuditEvent[] | null;
  next: string | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
  /** Appends the next page; answers how many events it added (none if it failed or was overtaken). */
  loadMore: () => Promise<number>;
}

/** The signed-in user's token history, newest first, loaded again whenever `version` changes. */
export const useAuditLog = (api: ApiClient, version: number): AuditLogState => {
  const load = useCallback(() => api.listAudit(), [api]);
  const { data, setData, error, setError, loading, setLoading, reload, ticket, isCurrent } = useNewestLoad(load);
  const next = data?.next ?? null;

  useEffect(reload, [reload, version]);

  const loadMore = useCallback(async (): Promise<number> => {
    if (next === null) return 0;
    const call = ticket();
    setLoading(true);
    try {
      const page = await api.listAudit(next);
      if (!isCurrent(call)) return 0;
      setData((old) => ({ events: [...(old?.events ?? []), ...page.events], next: page.next }));
      setError(null);
      return page.events.length;
    } catch (e) {
      if (isCurrent(call)) setError(errorMessage(e));
      return 0;
    } finally {
      if (isCurrent(call)) setLoading(false);
    }
  }, [api, next, ticket, isCurrent, setData, setError, setLoading]);

  return { events: data?.events ?? null, next, error, loading, reload, loadMore };
};
