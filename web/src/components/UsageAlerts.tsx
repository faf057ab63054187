import type { UsageAlert } from '../../../lib/contract';
import { Time } from './Time';

/** What the usage aggregator flagged for a token (new address, spike, use after revocation or expiry), newest first. */
export const UsageAlerts = ({ alerts }: { alerts: readonly UsageAlert[] }) => (
  <section class="usage-alerts" aria-labelledby="usage-alerts-title">
    <h3 id="usage-alerts-title">Alerts</h3>
    {alerts.length === 0 ? (
      <p>No alerts.</p>
    ) : (
      <ul>
        {alerts.map((alert, i) => (
          <li key={`${alert.at}-${i}`} class={`usage-alert usage-alert-${alert.kind}`}>
            <span>{alert.message}</span> <Time value={alert.at} withTime />
          </li>
        ))}
      </ul>
    )}
  </section>
);
