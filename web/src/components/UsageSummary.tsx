import { formatCount } from '../format';
import { flagsUnused } from '../unused';
import type { TokenView, UsageReport } from '../../../lib/contract';
import { RelativeTime } from './RelativeTime';

const REFUSALS: readonly { key: keyof UsageReport['refused']; label: string }[] = [
  { key: 'revoked', label: 'While revoked' },
  { key: 'expired', label: 'After expiry' },
  { key: 'insufficient_scope', label: 'Out of scope' },
];

/** Request counts, last use, and the requests the API refused. */
export const UsageSummary = ({ report, token, now }: { report: UsageReport; token: TokenView; now: Date }) => {
  const anyRefused = REFUSALS.some(({ key }) => report.refused[key] > 0);
  return (
    <>
      <dl class="usage-counts">
        <div>
          <dt>Last 24 hours</dt>
          <dd>{formatCount(report.requests.day)}</dd>
        </div>
        <div>
          <dt>Last 7 days</dt>
          <dd>{formatCount(report.requests.week)}</dd>
        </div>
        <div>
          <dt>Last 30 days</dt>
          <dd>{formatCount(report.requests.month)}</dd>
        </div>
        <div>
          <dt>Last used</dt>
          <dd class="last-used">
            {report.lastUsedAt === null ? 'Never' : <RelativeTime value={report.lastUsedAt} now={now} />}
          </dd>
        </div>
      </dl>
      {flagsUnused({ createdAt: token.createdAt, lastUsedAt: report.lastUsedAt }, now) && (
        <p class="callout callout-warning">
          This token has never been used. If nothing needs it, consider revoking it.
        </p>
      )}
      {anyRefused && (
        <div class="refused">
          <h3>Refused requests, last 30 days</h3>
          <dl>
            {REFUSALS.map(({ key, label }) => (
              <div key={key}>
                <dt>{label}</dt>
                <dd>{formatCount(report.refused[key])}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </>
  );
};
