import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api';
import type { TokenNotice } from '../../../lib/contract';

/**
 * The signed-in user's notices (expiry, leaks), newest first, loaded again whenever `version` changes. A failed
 * load keeps what was shown: the notices repeat what the list and the history say, so the list is not held up.
 */
export const useNotices = (api: ApiClient, version: number): TokenNotice[] => {
  const [notices, setNotices] = useState<TokenNotice[]>([]);
  const latest = useRef(0);

  useEffect(() => {
    // Only the newest of overlapping loads may set the notices.
    const call = ++latest.current;
    api.listNotices().then(
      (list) => {
        if (call === latest.current) setNotices(list.notices);
      },
      () => undefined,
    );
  }, [api, version]);

  return notices;
};
