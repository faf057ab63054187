import { alertsByUrgency } from '../alerts';
import type { UsageAlert } from '../../../lib/contract';
import { actorWords } from '../audit-words';
import { LeakSource } from './LeakSource';
import { RelativeTime } from './RelativeTime';

const detail = (alert: UsageAlert, name: string): string | undefined => {
  const value = alert.details[name];
  return typeof value === 'string' ? value : undefined;
};

/** The service's message, but a leak report's in the page's words with where the token was found. */
const AlertWords = ({ alert }: { alert: UsageAlert }) =>
  alert.kind === 'leak_reported' ? (
    <span>
      Reported leaked by {actorWords(String(alert.details.reporter))} and revoked.{' '}
      <LeakSource url={detail(alert, 'url')} />
    </span>
  ) : (
    <span>{alert.message}</span>
  );

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
            <AlertWords alert={alert} /> <RelativeTime value={alert.at} now={now} />
          </li>
        ))}
      </ul>
    )}
  </section>
);
