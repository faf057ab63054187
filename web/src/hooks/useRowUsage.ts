import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api';
import { ROW_REPORT_CONCURRENCY, rowReportIds } from '../row-usage';
import { forEachLimited } from '../../../lib/concurrency';
import type { TokenView, UsageReport } from '../../../lib/contract';

/**
 * The usage reports of the working tokens shown, for the alerts on their rows: each asked for once per
 * `version` (the page's Refresh), at most ten, three at a time; a token's report arrives when it does.
 */
export const useRowUsage = (
  api: ApiClient,
  tokens: readonly TokenView[],
  version: number,
): ReadonlyMap<string, UsageReport> => {
  const [reports, setReports] = useState<ReadonlyMap<string, UsageReport>>(new Map());
  const asked = useRef(new Map<string, number>());
  const ids = rowReportIds(tokens);
  const idsKey = ids.join(' ');

  useEffect(() => {
    const due = ids.filter((id) => asked.current.get(id) !== version);
    for (const id of due) asked.current.set(id, version);
    void forEachLimited(due, ROW_REPORT_CONCURRENCY, async (id) => {
      try {
        const report = await api.tokenUsage(id);
        setReports((old) => new Map(old).set(id, report));
      } catch {
        // The row then shows no alerts; the next Refresh asks again, and the usage panel shows the error.
        asked.current.delete(id);
      }
    });
  }, [api, idsKey, version]);

  return reports;
};
