import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api';
import type { ExpiryNotice } from '../../../lib/contract';

/**
 * The signed-in user's expiry notices, newest first, loaded again whenever `version` changes. A failed load
 * keeps what was shown: the notices repeat what the list's Expires column says, so the list is not held up.
 */
export const useExpiryNotices = (api: ApiClient, version: number): ExpiryNotice[] => {
  const [notices, setNotices] = useState<ExpiryNotice[]>([]);
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
