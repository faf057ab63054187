import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api';
import { actionWords, actorWords } from '../audit-words';
import { countOf } from '../format';
import { useAuditLog } from '../hooks/useAuditLog';
import { RelativeTime } from './RelativeTime';
import { InlineError } from './InlineError';
import { LeakSource } from './LeakSource';

const HISTORY_TITLE_ID = 'history-title';

const eventId = (index: number): string => `history-event-${index}`;

interface AuditHistoryProps {
  api: ApiClient;
  /** Changes after every action and Refresh, to load the history again. */
  version: number;
  now: Date;
  /** Says what Load more added, for the page to announce. */
  onLoaded: (message: string) => void;
}

/** What happened to the user's tokens, newest first: created, rolled, disabled, enabled, revoked, expired. */
export const AuditHistory = ({ api, version, now, onLoaded }: AuditHistoryProps) => {
  const { events, next, error, loading, reload, loadMore } = useAuditLog(api, version);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);

  useEffect(() => {
    if (focusIndex === null) return;
    document.getElementById(eventId(focusIndex))?.focus();
    setFocusIndex(null);
  }, [focusIndex, events]);

  const showMore = async () => {
    const before = events?.length ?? 0;
    const added = await loadMore();
    if (added === 0) return;
    onLoaded(`Loaded ${countOf(added, 'more event')} of history.`);
    setFocusIndex(before);
  };

  return (
    <section class="history" aria-labelledby={HISTORY_TITLE_ID} aria-busy={loading ? 'true' : undefined}>
      <h2 id={HISTORY_TITLE_ID}>History</h2>
      {error !== null && <InlineError message={error} onRetry={reload} />}
      {events === null ? (
        loading && <p>Loading history…</p>
      ) : events.length === 0 ? (
        <p>Nothing has happened to your tokens yet. Creating, disabling or revoking one will show here.</p>
      ) : (
        <table class="stack-table history-table">
          <caption class="visually-hidden">Token history, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Token</th>
              <th scope="col">By</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event, index) => (
              <tr key={`${event.at} ${event.tokenId} ${event.action} ${index}`}>
                <td data-label="When" id={eventId(index)} tabIndex={-1}>
                  <RelativeTime value={event.at} now={now} />
                </td>
                <td data-label="What">
                  <span class={`history-action history-${event.action}`}>{actionWords(event.action)}</span>
                  <LeakSource url={event.url} />
                </td>
                <td data-label="Token">{event.tokenName}</td>
                <td data-label="By" class="history-actor">
                  {actorWords(event.actor)}
                </td>
                <td data-label="From">
                  <span class="ip">{event.ip ?? '—'}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next !== null && events !== null && (
        <p class="load-more">
          <button type="button" onClick={showMore} disabled={loading} aria-busy={loading ? 'true' : undefined}>
            Load more history
          </button>
        </p>
      )}
    </section>
  );
};
