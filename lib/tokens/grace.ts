import { isExpired } from './status';
import type { KeyRecord, TokenRecord } from './types';

/** The longest grace period a roll may give the old token: 7 days. */
export const MAX_GRACE_SECONDS = 604_800;

/** Whether a rolled key's grace period is over at `now`: judged by the reader's clock, as an expiry is. */
export const graceEnded = (key: Pick<KeyRecord, 'graceUntil'>, now: Date): boolean =>
  key.graceUntil !== undefined && isExpired(new Date(key.graceUntil), now);

/**
 * When a rolled token's grace ended before any expiry did: from then on it is listed as revoked, as the
 * authorizer refuses it. Undefined while it works, and for a token whose expiry came first (listed expired).
 */
export const graceRevokedAt = (token: Pick<TokenRecord, 'expiresAt' | 'graceUntil'>, now: Date): string | undefined =>
  token.graceUntil !== undefined &&
  graceEnded(token, now) &&
  (token.expiresAt === null || Date.parse(token.graceUntil) < Date.parse(token.expiresAt))
    ? token.graceUntil
    : undefined;

/** When a token was revoked, by its owner, a leak report, or the end of a roll's grace; undefined if it was not. */
export const revokedAtOf = (token: Pick<TokenRecord, 'expiresAt' | 'graceUntil' | 'revokedAt'>, now: Date) =>
  token.revokedAt ?? graceRevokedAt(token, now);

/** When a token stops working unless revoked first: its expiry or the end of its grace, whichever is sooner. */
export const workingUntil = (token: Pick<TokenRecord, 'expiresAt' | 'graceUntil'>): string | null => {
  const ends = [token.expiresAt, token.graceUntil ?? null].filter((end): end is string => end !== null);
  if (ends.length === 0) return null;
  return new Date(Math.min(...ends.map((end) => Date.parse(end)))).toISOString();
};
