import { formatDate } from '../format';
import { noticeSubject, type ShownNotice } from '../notices';
import { RelativeTime } from './RelativeTime';

const NOTICES_TITLE_ID = 'expiry-notices-title';

interface ExpiryNoticesProps {
  notices: readonly ShownNotice[];
  now: Date;
  /** Takes the user to the token's row. */
  onShow: (tokenId: string) => void;
}

const NoticeWords = ({ shown, now }: { shown: ShownNotice; now: Date }) => {
  const { expiresAt } = shown.notice;
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

/**
 * The expiry warnings and expired notices the service sent, above the list: a labelled region (read when
 * reached, never announced at once), shown only when there is something to say.
 */
export const ExpiryNotices = ({ notices, now, onShow }: ExpiryNoticesProps) => {
  if (notices.length === 0) return null;
  return (
    <section class="expiry-notices" aria-labelledby={NOTICES_TITLE_ID}>
      <h2 id={NOTICES_TITLE_ID}>Notices</h2>
      <ul>
        {notices.map((shown) => (
          <li key={shown.notice.noticeId} class={shown.expired ? 'expiry-notice expired' : 'expiry-notice'}>
            <span class="expiry-notice-text">
              <NoticeWords shown={shown} now={now} />
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
