import { alertSummary } from '../alerts';
import type { UsageReport } from '../../../lib/contract';
import { RelativeTime } from './RelativeTime';

/** A row's alerts, one line per kind with its count and newest time, most alarming first. */
export const RowAlerts = ({ report, now }: { report: UsageReport; now: Date }) => {
  const groups = alertSummary(report.alerts);
  if (groups.length === 0) return null;
  return (
    <ul class="row-alerts" aria-label="Alerts">
      {groups.map((group) => (
        <li key={group.kind} class={`row-alert row-alert-${group.kind}`}>
          <span class="row-alert-label">{group.count > 1 ? `${group.label} (${group.count})` : group.label}</span>{' '}
          <RelativeTime value={group.latest} now={now} />
        </li>
      ))}
    </ul>
  );
};
