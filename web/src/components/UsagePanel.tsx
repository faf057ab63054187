import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api';
import { errorMessage } from '../errors';
import type { TokenView, UsageReport } from '../../../lib/contract';
import { SourceIps } from './SourceIps';
import { UsageAlerts } from './UsageAlerts';
import { UsageChart } from './UsageChart';
import { UsageSummary } from './UsageSummary';

interface UsagePanelProps {
  api: ApiClient;
  token: TokenView;
  /** Changes when the page is refreshed, to load the report again. */
  version: number;
  onClose: () => void;
}

const useUsage = (api: ApiClient, id: string, version: number) => {
  const [report, setReport] = useState<UsageReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(null);
    setReport((old) => (old?.id === id ? old : null));
    api
      .tokenUsage(id)
      .then(
        (next) => current && setReport(next),
        (e: unknown) => current && setError(errorMessage(e)),
      )
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [api, id, version]);
  return { report, error, loading };
};

/** A token's usage: counts, a chart of the last 30 days, source addresses and alerts. */
export const UsagePanel = ({ api, token, version, onClose }: UsagePanelProps) => {
  const heading = useRef<HTMLHeadingElement>(null);
  const { report, error, loading } = useUsage(api, token.id, version);

  useEffect(() => heading.current?.focus(), [token.id]);

  return (
    <section class="usage-panel" aria-labelledby="usage-title" aria-busy={loading ? 'true' : undefined}>
      <div class="panel-header">
        <h2 id="usage-title" tabIndex={-1} ref={heading}>
          {`Usage for ${token.name}`}
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {error !== null && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {report === null ? (
        loading && <p>Loading…</p>
      ) : (
        <>
          <UsageSummary report={report} />
          <h3>Requests per day</h3>
          <UsageChart daily={report.daily} />
          <SourceIps ips={report.ips} otherIps={report.otherIps} />
          <UsageAlerts alerts={report.alerts} />
        </>
      )}
    </section>
  );
};
