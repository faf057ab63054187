import { alertsByUrgency } from '../alerts';
import type { UsageAlert } from '../../../lib/contract';
import { RelativeTime } from './RelativeTime';

/** What the usage aggregator flagged for a token (new address, spike, use after revocation or expiry), newest first. */
export const UsageAlerts = ({
  alerts,
  now,
  titleId,
}: {
  alerts: readonly UsageAlert[];
  now: Date;
  titleId: string;
}) => (
  <section class="usage-alerts" aria-labelledby={titleId}>
    <h3 id={titleId}>Alerts</h3>
    {alerts.length === 0 ? (
      <p>No alerts.</p>
    ) : (
      <ul>
        {alertsByUrgency(alerts).map((alert, i) => (
          <li key={`${alert.at}-${i}`} class={`usage-alert usage-alert-${alert.kind}`}>
            <span>{alert.message}</span> <RelativeTime value={alert.at} now={now} />
          </li>
        ))}
      </ul>
    )}
  </section>
);
