import { useCallback, useEffect } from 'preact/hooks';
import type { ApiClient } from '../api';
import type { TokenNotice } from '../../../lib/contract';
import { useNewestLoad } from './useNewestLoad';

/**
 * The signed-in user's notices (expiry, leaks), newest first, loaded again whenever `version` changes. A failed
 * load keeps what was shown: the notices repeat what the list and the history say, so the list is not held up.
 */
export const useNotices = (api: ApiClient, version: number): TokenNotice[] => {
  const load = useCallback(() => api.listNotices(), [api]);
  const { data, reload } = useNewestLoad(load);

  useEffect(reload, [reload, version]);

  return data?.notices ?? [];
};
