import type { ExpiryNotice, TokenView } from '../../lib/contract';

/** An expiry notice as the page shows it: with the token's name and hint now, and whether its row is listed. */
export interface ShownNotice {
  notice: ExpiryNotice;
  name: string;
  hint: string | null;
  /** Its token's row is on the page, for the notice's button to take the user there. */
  listed: boolean;
  /** Expired by now: the page's clock, not the notice's kind, says which words fit. */
  expired: boolean;
}

/**
 * The notices worth showing above the list, newest first: the newest of each token, unless the token was
 * revoked or rolled since. The first page of the list holds every working token, so a warning whose token
 * is not listed is about one that no longer works; an expired token's notice shows even when its row does not.
 *
 * @param notices `GET /notices`, newest first
 */
export const shownNotices = (
  notices: readonly ExpiryNotice[],
  tokens: readonly TokenView[],
  now: Date,
): ShownNotice[] => {
  const byId = new Map(tokens.map((token) => [token.id, token]));
  const seen = new Set<string>();
  const shown: ShownNotice[] = [];
  for (const notice of notices) {
    if (seen.has(notice.tokenId)) continue;
    seen.add(notice.tokenId);
    const token = byId.get(notice.tokenId);
    if (token !== undefined && (token.status === 'revoked' || token.replacedBy !== null)) continue;
    if (token === undefined && notice.kind === 'expiring') continue;
    shown.push({
      notice,
      name: token?.name ?? notice.tokenName,
      hint: token?.hint || notice.hint,
      listed: token !== undefined,
      expired: Date.parse(notice.expiresAt) <= now.getTime(),
    });
  }
  return shown;
};

/**
 * The token a notice is about, as the page names it.
 * @example noticeSubject({ name: 'Zapier', hint: 'mp_live_…x9Qa' }) // '“Zapier” (mp_live_…x9Qa)'
 */
export const noticeSubject = ({ name, hint }: Pick<ShownNotice, 'name' | 'hint'>): string =>
  hint === null || hint === '' ? `“${name}”` : `“${name}” (${hint})`;
