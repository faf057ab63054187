import type { AuditEntry } from '../audit/types';
import type { Config } from '../config';
import { MAX_ACTIVE_TOKENS, type RolledToken } from '../contract';
import { refusal, success, type Outcome } from '../outcome';
import type { Db } from '../storage/dynamodb';
import { DAY_MS } from '../time';
import { createdAnswer, newToken } from './new-token';
import { fixedWindow, secondsUntilEnd } from './rate-window';
import { getOwnToken, retainUntil } from './service';
import type { RollTokenInput } from './roll-schema';
import { rollTokenRecord } from './store';
import { isExpired } from './status';
import type { TokenRecord } from './types';

/**
 * The new token's expiry: a token that expired keeps its lifetime's length, counted from `now` (a yearly token
 * rolled today runs a year from today), cut to the configured maximum; one without expiry has none, unless a
 * maximum lifetime now applies.
 */
export const rolledExpiry = (
  old: Pick<TokenRecord, 'createdAt' | 'expiresAt'>,
  now: Date,
  maxLifetimeDays: number | undefined,
): string | null => {
  const maxMs = maxLifetimeDays === undefined ? Infinity : maxLifetimeDays * DAY_MS;
  const lifetimeMs = old.expiresAt === null ? Infinity : Date.parse(old.expiresAt) - Date.parse(old.createdAt);
  const ms = Math.min(lifetimeMs, maxMs);
  return ms === Infinity ? null : new Date(now.getTime() + ms).toISOString();
};

/** Who asked for the roll, for its audit entry. */
export interface RollRequester {
  userId: string;
  ip: string;
}

/** The earlier of two instants, either of which may be absent (never). */
const earliest = (a: Date, b: string | null): Date => (b === null || a.getTime() <= Date.parse(b) ? a : new Date(b));

/**
 * Rolls one of the user's working tokens: a new token with the same name, scopes and expiry policy (shown once,
 * in the answer), while the old one keeps working `graceSeconds` longer, then is refused as revoked. Refused
 * when the id is not one of the user's working tokens, when the grace would take an 11th slot, and when the
 * user has reached the create rate (a roll creates a token).
 */
export const rollToken = async (
  db: Db,
  config: Pick<Config, 'tokens' | 'audit'>,
  requester: RollRequester,
  tokenId: string,
  input: RollTokenInput,
  now: Date,
): Promise<Outcome<RolledToken, 'not_found' | 'limit_reached' | 'rate_limited'>> => {
  const settings = config.tokens;
  const old = await getOwnToken(db, requester.userId, tokenId);
  if (old === undefined || old.revokedAt !== undefined || old.graceUntil !== undefined) return refusal('not_found');
  if (old.expiresAt !== null && isExpired(new Date(old.expiresAt), now)) return refusal('not_found');

  const issued = newToken(
    settings,
    {
      userId: old.userId,
      name: old.name,
      scopes: old.scopes,
      expiresAt: rolledExpiry(old, now, settings.maxLifetimeDays),
      description: old.description ?? null,
    },
    now,
  );
  const next = issued.record;
  const graceUntil = new Date(now.getTime() + input.graceSeconds * 1000);
  const entry: AuditEntry = {
    at: now.toISOString(),
    action: 'rolled',
    tokenId: old.id,
    tokenName: old.name,
    actor: requester.userId,
    ip: requester.ip,
  };
  const window = fixedWindow(now, settings.createRate.windowSeconds);
  const outcome = await rollTokenRecord(db, {
    old,
    next,
    graceUntil,
    now,
    maxActive: MAX_ACTIVE_TOKENS,
    createRate: { max: settings.createRate.max, window },
    expireOldAt: retainUntil(earliest(graceUntil, old.expiresAt), settings),
    expireNewAt: next.expiresAt === null ? null : retainUntil(new Date(next.expiresAt), settings),
    audit: { entry, retentionDays: config.audit.retentionDays },
  });
  if (outcome === 'rate_limited') return refusal('rate_limited', secondsUntilEnd(window, now));
  if (outcome !== 'rolled') return refusal(outcome);
  return success({ ...createdAnswer(issued), rolledFrom: old.id });
};
