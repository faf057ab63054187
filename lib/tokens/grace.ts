import { isExpired } from './status';
import type { KeyRecord, TokenRecord } from './types';

/** The longest grace period a roll may give the old token: 7 days. */
export const MAX_GRACE_SECONDS = 604_800;

/** Whether a rolled key's grace period is over at `now`: judged by the reader's clock, as an expiry is. */
export const graceEnded = (key: Pick<KeyRecord, 'graceUntil'>, now: Date): boolean =>
  key.graceUntil !== undefined && isExpired(new Date(key.graceUntil), now);

/** When a token stops working unless revoked first: its expiry or the end of its grace, whichever is sooner. */
export const workingUntil = (token: Pick<TokenRecord, 'expiresAt' | 'graceUntil'>): string | null => {
  const ends = [token.expiresAt, token.graceUntil ?? null].filter((end): end is string => end !== null);
  if (ends.length === 0) return null;
  return new Date(Math.min(...ends.map((end) => Date.parse(end)))).toISOString();
};
