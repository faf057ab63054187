import { DAY_MS } from '../time';

/** Tokens expiring within this many days are shown as `expiring`. */
export const EXPIRING_WITHIN_DAYS = 7;

export type TokenStatus =
  | { status: 'active'; expiresInDays: null }
  | { status: 'expiring'; expiresInDays: number }
  | { status: 'expired'; expiresInDays: null };

export const isExpired = (expiresAt: Date | null, now: Date): boolean =>
  expiresAt !== null && expiresAt.getTime() <= now.getTime();

/** A token's badge: expired, expiring within 7 days (with days left, rounded up), or active. */
export const tokenStatus = (expiresAt: Date | null, now: Date): TokenStatus => {
  if (expiresAt === null) return { status: 'active', expiresInDays: null };
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return { status: 'expired', expiresInDays: null };
  if (left <= EXPIRING_WITHIN_DAYS * DAY_MS) return { status: 'expiring', expiresInDays: Math.ceil(left / DAY_MS) };
  return { status: 'active', expiresInDays: null };
};
