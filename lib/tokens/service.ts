import type { Config } from '../config';
import { MAX_ACTIVE_TOKENS, TOKEN_PAGE_SIZE, type CreatedToken, type TokenList, type TokenView } from '../contract';
import { refusal, success, type Outcome } from '../outcome';
import type { Db } from '../storage/dynamodb';
import type { CreateTokenInput } from './schemas';
import { normalizeScopes } from './scopes';
import { DAY_MS, epochSeconds } from '../time';
import { fixedWindow, secondsUntilEnd } from './rate-window';
import { graceEnded, revokedAtOf, workingUntil } from './grace';
import { tokenStatus } from './status';
import { isTokenId } from './ids';
import { encodeListCursor, type ListPosition } from './list-cursor';
import {
  expiredTokenPage,
  findToken,
  insertToken,
  revokedTokenPage,
  revokeTokenRecord,
  tokenRecords,
  updateTokenRecord,
  workingTokenIds,
  type TokenChanges,
} from './store';
import { auditItems, type ChangeSource } from './change-source';
import { createdAnswer, newToken } from './new-token';
import type { TokenRecord } from './types';

export type TokenSettings = Config['tokens'];

/** When a token's items may go: the retention period after `date`. */
export const retainUntil = (date: Date, settings: TokenSettings): Date =>
  new Date(date.getTime() + settings.retentionDays * DAY_MS);

/**
 * Creates a token unless the user has reached the limit of active tokens or of creates in the current rate
 * window (then the refusal says when that window ends); the plain token is in the answer and nowhere else.
 */
export const createToken = async (
  db: Db,
  settings: TokenSettings,
  userId: string,
  input: CreateTokenInput,
  now: Date,
  source?: ChangeSource,
): Promise<Outcome<CreatedToken, 'limit_reached' | 'rate_limited' | 'name_taken'>> => {
  const issued = newToken(
    settings,
    {
      userId,
      name: input.name,
      scopes: normalizeScopes(input.scopes),
      expiresAt: input.expiresAt?.toISOString() ?? null,
      description: input.description ?? null,
    },
    now,
  );
  const { record } = issued;
  const window = fixedWindow(now, settings.createRate.windowSeconds);
  const outcome = await insertToken(db, record, {
    maxActive: MAX_ACTIVE_TOKENS,
    createRate: { max: settings.createRate.max, window },
    now,
    expireItemsAt: input.expiresAt === null ? null : retainUntil(input.expiresAt, settings),
    alsoWrite: auditItems(db, record, 'created', source, now),
  });
  if (outcome === 'rate_limited') return refusal('rate_limited', secondsUntilEnd(window, now));
  if (outcome === 'limit_reached' || outcome === 'name_taken') return refusal(outcome);
  return success(createdAnswer(issued));
};

export const toView = (record: TokenRecord, now: Date): TokenView => {
  const revokedAt = revokedAtOf(record, now);
  // A rolled token's badge counts down to the end of its grace when that comes before its expiry.
  const stopsAt = workingUntil(record);
  return {
    id: record.id,
    name: record.name,
    scopes: record.scopes,
    createdAt: record.createdAt,
    expiresAt: record.expiresAt,
    lastUsedAt: record.lastUsedAt ?? null,
    ...(revokedAt === undefined
      ? tokenStatus(stopsAt === null ? null : new Date(stopsAt), now)
      : { status: 'revoked', expiresInDays: null }),
    // Tokens made before hints were stored have none to show.
    hint: record.hint ?? '',
    description: record.description ?? null,
    disabled: record.disabled === true,
    revokedAt: revokedAt ?? null,
    graceUntil: record.graceUntil ?? null,
    replacedBy: record.rolledTo ?? null,
  };
};

/** Which page of `GET /tokens`: the first (no `from`), or the expired tokens from a cursor's position. */
export interface PageRequest {
  size: number;
  from?: ListPosition;
  /** Only revoked tokens (kept for the retention period), newest first. */
  status?: 'revoked';
}

export const FIRST_PAGE: PageRequest = { size: TOKEN_PAGE_SIZE.default };

const newestFirst = (a: TokenView, b: TokenView): number =>
  b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

/**
 * One page of the user's tokens: the first holds every token that still works (even beyond `size`), newest
 * first, then expired ones newest first up to `size` in all; later pages hold `size` expired ones each.
 * Reads the active set, the working tokens (first page) and at most size + 11 index entries: never all of them.
 */
export const listTokens = async (
  db: Db,
  userId: string,
  now: Date,
  page: PageRequest = FIRST_PAGE,
): Promise<TokenList> => {
  const workingIds = await workingTokenIds(db, userId, now);
  if (page.status === 'revoked') return revokedList(db, userId, now, page, workingIds.length);
  const working =
    page.from === undefined
      ? (await tokenRecords(db, userId, workingIds)).map((record) => toView(record, now)).sort(newestFirst)
      : [];
  const from = page.from ?? 'first_expired';
  const expired = await expiredTokenPage(db, userId, now, {
    size: Math.max(0, page.size - working.length),
    from,
    working: workingIds.length,
  });
  const last = expired.records.at(-1);
  const following = last === undefined ? from : { id: last.id };
  return {
    tokens: [...working, ...expired.records.map((record) => toView(record, now))],
    limit: MAX_ACTIVE_TOKENS,
    active: workingIds.length,
    next: expired.more ? encodeListCursor(userId, following) : null,
  };
};

/** A page of `GET /tokens?status=revoked`: the revoked tokens kept for the retention period, newest first. */
const revokedList = async (
  db: Db,
  userId: string,
  now: Date,
  page: PageRequest,
  active: number,
): Promise<TokenList> => {
  const from = page.from === undefined || page.from === 'first_expired' ? undefined : page.from.id;
  const revoked = await revokedTokenPage(db, userId, now, { size: page.size, from });
  const last = revoked.records.at(-1);
  return {
    tokens: revoked.records.map((record) => toView(record, now)),
    limit: MAX_ACTIVE_TOKENS,
    active,
    next: revoked.more && last !== undefined ? encodeListCursor(userId, { id: last.id }) : null,
  };
};

/** One of the user's own tokens; any other id, including another user's, is undefined. */
export const getOwnToken = async (db: Db, userId: string, tokenId: string): Promise<TokenRecord | undefined> =>
  isTokenId(tokenId) ? await findToken(db, userId, tokenId) : undefined;

/** Revokes one of the user's tokens, answering its id and name; from then on the token is refused everywhere. */
export const revokeToken = async (
  db: Db,
  settings: TokenSettings,
  userId: string,
  tokenId: string,
  now: Date,
  source?: ChangeSource,
): Promise<Outcome<Pick<TokenRecord, 'id' | 'name'>, 'not_found'>> => {
  const record = await getOwnToken(db, userId, tokenId);
  // Revoked, or rolled and past its grace: refused as revoked already.
  if (record === undefined || record.revokedAt !== undefined || graceEnded(record, now)) return refusal('not_found');
  const audit = auditItems(db, record, 'revoked', source, now);
  const revoked = await revokeTokenRecord(db, record, now, retainUntil(now, settings), { alsoWrite: audit });
  return revoked ? success({ id: record.id, name: record.name }) : refusal('not_found');
};

/**
 * Renames, describes, disables or enables one of the user's tokens (not a revoked one, nor another user's),
 * answering its view as changed. Disabling is immediate, as revocation is; a change of `disabled` is audited.
 */
export const updateToken = async (
  db: Db,
  settings: TokenSettings,
  userId: string,
  tokenId: string,
  changes: TokenChanges,
  now: Date,
  source?: ChangeSource,
): Promise<Outcome<TokenView, 'not_found' | 'name_taken'>> => {
  const record = await getOwnToken(db, userId, tokenId);
  if (record === undefined || record.revokedAt !== undefined) return refusal('not_found');
  const toggled = changes.disabled !== undefined && changes.disabled !== (record.disabled === true);
  const action = changes.disabled === true ? 'disabled' : 'enabled';
  const changed: TokenRecord = { ...record, ...changes };
  const outcome = await updateTokenRecord(db, record, changes, {
    now,
    claimTtl: record.expiresAt === null ? undefined : epochSeconds(retainUntil(new Date(record.expiresAt), settings)),
    alsoWrite: toggled ? auditItems(db, changed, action, source, now) : [],
  });
  if (outcome !== 'updated') return refusal(outcome);
  return success(toView(changed, now));
};
