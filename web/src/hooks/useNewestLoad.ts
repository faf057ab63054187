import { useCallback, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../errors';

export interface NewestLoad<T> {
  /** The last value loaded; kept while a reload is under way or has failed. */
  data: T | null;
  setData: (update: (old: T | null) => T | null) => void;
  error: string | null;
  setError: (message: string | null) => void;
  loading: boolean;
  setLoading: (loading: boolean) => void;
  reload: () => void;
  /** The load under way now, for a later page to check it has not been overtaken (`isCurrent`). */
  ticket: () => number;
  isCurrent: (ticket: number) => boolean;
}

/**
 * A value loaded by `load` and loaded again on `reload`, where only the newest of overlapping loads may set it:
 * a slow answer to an older load never overwrites a newer one.
 */
export const useNewestLoad = <T>(load: () => Promise<T>): NewestLoad<T> => {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);

  const reload = useCallback(() => {
    const call = ++latest.current;
    setLoading(true);
    load().then(
      (value) => {
        if (call !== latest.current) return;
        setData(() => value);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (call !== latest.current) return;
        setError(errorMessage(e));
        setLoading(false);
      },
    );
  }, [load]);

  const ticket = useCallback(() => latest.current, []);
  const isCurrent = useCallback((call: number) => call === latest.current, []);

  return { data, setData, error, setError, loading, setLoading, reload, ticket, isCurrent };
};
