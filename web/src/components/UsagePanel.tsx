import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api';
import { errorMessage } from '../errors';
import type { TokenView, UsageReport } from '../../../lib/contract';
import { SourceIps } from './SourceIps';
import { usagePanelId } from './TokenTable';
import { UsageAlerts } from './UsageAlerts';
import { UsageChart } from './UsageChart';
import { UsageSummary } from './UsageSummary';

interface UsagePanelProps {
  api: ApiClient;
  token: TokenView;
  /** Changes when the page is refreshed, to load the report again. */
  version: number;
  now: Date;
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

/** A token's usage, under its row: alerts first, then counts, a chart of the last 30 days and source addresses. */
export const UsagePanel = ({ api, token, version, now, onClose }: UsagePanelProps) => {
  const heading = useRef<HTMLHeadingElement>(null);
  const { report, error, loading } = useUsage(api, token.id, version);
  const id = usagePanelId(token.id);

  useEffect(() => heading.current?.focus(), [token.id]);

  return (
    <section id={id} class="usage-panel" aria-labelledby={`${id}-title`} aria-busy={loading ? 'true' : undefined}>
      <div class="panel-header">
        <h2 id={`${id}-title`} tabIndex={-1} ref={heading}>
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
          <UsageAlerts alerts={report.alerts} now={now} titleId={`${id}-alerts`} />
          <UsageSummary report={report} token={token} now={now} />
          <UsageChart daily={report.daily} hourly={report.hourly} />
          <SourceIps ips={report.ips} otherIps={report.otherIps} />
        </>
      )}
    </section>
  );
};
