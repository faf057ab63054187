import { actorWords } from '../audit-words';
import { formatDate } from '../format';
import { noticeSubject, type ShownNotice } from '../notices';
import type { ExpiryNotice, LeakNotice } from '../../../lib/contract';
import { LeakSource } from './LeakSource';
import { RelativeTime } from './RelativeTime';

const NOTICES_TITLE_ID = 'notices-title';

interface NoticesProps {
  notices: readonly ShownNotice[];
  now: Date;
  /** Takes the user to the token's row. */
  onShow: (tokenId: string) => void;
}

const ExpiryWords = ({ shown, notice, now }: { shown: ShownNotice; notice: ExpiryNotice; now: Date }) => {
  const { expiresAt } = notice;
  return shown.expired ? (
    <>
      {`${noticeSubject(shown)} expired on ${formatDate(expiresAt)} (`}
      <RelativeTime value={expiresAt} now={now} />
      {').'}
    </>
  ) : (
    <>
      {`${noticeSubject(shown)} expires `}
      <RelativeTime value={expiresAt} now={now} />
      {`, on ${formatDate(expiresAt)}.`}
    </>
  );
};

const LeakWords = ({ shown, notice, now }: { shown: ShownNotice; notice: LeakNotice; now: Date }) => (
  <>
    {`${noticeSubject(shown)} was revoked because it was reported as leaked (${actorWords(notice.reporter)}, `}
    <RelativeTime value={notice.at} now={now} />
    {'). '}
    <LeakSource url={notice.url ?? undefined} />
  </>
);

const classOf = (shown: ShownNotice): string =>
  shown.expired || shown.notice.kind === 'revoked_leaked' ? 'token-notice urgent' : 'token-notice';

/**
 * What the service told the user about their tokens, above the list: expiry warnings, expired tokens and
 * tokens a leak report revoked. A labelled region (read when reached, never announced at once), shown only when
 * there is something to say.
 */
export const Notices = ({ notices, now, onShow }: NoticesProps) => {
  if (notices.length === 0) return null;
  return (
    <section class="token-notices" aria-labelledby={NOTICES_TITLE_ID}>
      <h2 id={NOTICES_TITLE_ID}>Notices</h2>
      <ul>
        {notices.map((shown) => (
          <li key={shown.notice.noticeId} class={classOf(shown)}>
            <span class="token-notice-text">
              {shown.notice.kind === 'revoked_leaked' ? (
                <LeakWords shown={shown} notice={shown.notice} now={now} />
              ) : (
                <ExpiryWords shown={shown} notice={shown.notice} now={now} />
              )}
            </span>
            {shown.listed && (
              <button
                type="button"
                aria-label={`Show token ${shown.name}`}
                onClick={() => onShow(shown.notice.tokenId)}
              >
                Show token
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
};
