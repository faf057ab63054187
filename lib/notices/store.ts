import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { NOTICE_DAYS, type ExpiryNotice, type LeakNotice, type TokenNotice } from '../contract';
import type { ExpiryEvent } from '../expiry/types';
import type { Db } from '../storage/dynamodb';
import { keys } from '../storage/keys';
import { DAY_S, epochSeconds } from '../time';

// DynamoDB's TTL deletes a notice `NOTICE_DAYS` after it was sent, when `GET /notices` no longer shows it.
const noticePut = (db: Db, userId: string, at: string, tokenId: string, label: string, fields: object) => ({
  Put: {
    TableName: db.tableName,
    Item: {
      ...keys.notice(userId, at, tokenId, label),
      ...fields,
      at,
      ttl: epochSeconds(new Date(at)) + NOTICE_DAYS * DAY_S,
    },
  },
});

/**
 * The item of one sent expiry notice, for the transaction that marks it sent (lib/expiry/claims.ts
 * `markSent`): so the owner's page holds a notice exactly when its event went out. It keeps what the event's
 * `detail` holds, its kind and when it was sent.
 */
export const noticeItem = (db: Db, event: ExpiryEvent, label: string) =>
  noticePut(db, event.detail.userId, event.time, event.detail.tokenId, label, {
    ...event.detail,
    kind: event.detailType === 'API token expired' ? 'expired' : 'expiring',
  });

/** The item of a leak notice, for the transaction that revokes the token (lib/leaks/revoke.ts): once per revocation. */
export const leakNoticeItem = (db: Db, userId: string, notice: LeakNotice) =>
  noticePut(db, userId, notice.at, notice.tokenId, 'leaked', notice);

const toLeakNotice = (item: Record<string, unknown>): LeakNotice => ({
  noticeId: String(item.noticeId),
  kind: 'revoked_leaked',
  at: String(item.at),
  tokenId: String(item.tokenId),
  tokenName: String(item.tokenName),
  hint: typeof item.hint === 'string' ? item.hint : null,
  reporter: String(item.reporter),
  url: typeof item.url === 'string' ? item.url : null,
});

const toExpiryNotice = (item: Record<string, unknown>): ExpiryNotice => ({
  noticeId: String(item.noticeId),
  kind: item.kind === 'expired' ? 'expired' : 'expiring',
  at: String(item.at),
  tokenId: String(item.tokenId),
  tokenName: String(item.tokenName),
  hint: typeof item.hint === 'string' ? item.hint : null,
  expiresAt: String(item.expiresAt),
  daysLeft: Number(item.daysLeft),
  threshold: Number(item.threshold),
});

const toNotice = (item: Record<string, unknown>): TokenNotice =>
  item.kind === 'revoked_leaked' ? toLeakNotice(item) : toExpiryNotice(item);

/** The user's notices sent at or after `since`, newest first, at most `limit`. */
export const readNotices = async (db: Db, userId: string, since: Date, limit: number): Promise<TokenNotice[]> => {
  const page = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      // TTL deletes within days, not at once: the key condition keeps older notices out meanwhile.
      KeyConditionExpression: 'PK = :pk AND SK >= :since',
      ExpressionAttributeValues: { ':pk': keys.notices(userId), ':since': keys.noticesSince(since) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (page.Items ?? []).map(toNotice);
};
