import type { TokenNotice, TokenView } from '../../lib/contract';

/** A notice as the page shows it: with the token's name and hint now, and whether its row is listed. */
export interface ShownNotice {
  notice: TokenNotice;
  name: string;
  hint: string | null;
  /** Its token's row is on the page, for the notice's button to take the user there. */
  listed: boolean;
  /** An expiry notice's token has expired by now: the page's clock, not the notice's kind, says which words fit. */
  expired: boolean;
}

/**
 * The notices worth showing above the list, newest first: the newest of each token, unless the token was
 * revoked or rolled since. The first page of the list holds every working token, so a warning whose token
 * is not listed is about one that no longer works; an expired token's notice shows even when its row does not,
 * and a leak report's always does (its token was revoked by the report).
 *
 * @param notices `GET /notices`, newest first
 */
export const shownNotices = (
  notices: readonly TokenNotice[],
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
    const leaked = notice.kind === 'revoked_leaked';
    if (!leaked && token !== undefined && (token.status === 'revoked' || token.replacedBy !== null)) continue;
    if (token === undefined && notice.kind === 'expiring') continue;
    shown.push({
      notice,
      name: token?.name ?? notice.tokenName,
      hint: token?.hint || notice.hint,
      listed: token !== undefined,
      expired: !leaked && Date.parse(notice.expiresAt) <= now.getTime(),
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
