import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api';
import { errorMessage } from '../errors';
import type { AuditEvent } from '../../../lib/contract';

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
  const [events, setEvents] = useState<AuditEvent[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);

  const reload = useCallback(() => {
    // Only the newest of overlapping loads may set the history.
    const call = ++latest.current;
    setLoading(true);
    api.listAudit().then(
      (page) => {
        if (call !== latest.current) return;
        setEvents(page.events);
        setNext(page.next);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (call !== latest.current) return;
        setError(errorMessage(e));
        setLoading(false);
      },
    );
  }, [api]);

  useEffect(reload, [reload, version]);

  const loadMore = useCallback(async (): Promise<number> => {
    if (next === null) return 0;
    const call = latest.current;
    setLoading(true);
    try {
      const page = await api.listAudit(next);
      if (call !== latest.current) return 0;
      setEvents((old) => [...(old ?? []), ...page.events]);
      setNext(page.next);
      setError(null);
      return page.events.length;
    } catch (e) {
      if (call === latest.current) setError(errorMessage(e));
      return 0;
    } finally {
      if (call === latest.current) setLoading(false);
    }
  }, [api, next]);

  return { events, next, error, loading, reload, loadMore };
};
