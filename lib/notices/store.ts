import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { NOTICE_DAYS, type ExpiryNotice } from '../contract';
import type { ExpiryEvent } from '../expiry/types';
import type { Db } from '../storage/dynamodb';
import { keys } from '../storage/keys';
import { DAY_S, epochSeconds } from '../time';

/**
 * The item of one sent expiry notice, for the transaction that marks it sent (lib/expiry/claims.ts
 * `markSent`): so the owner's page holds a notice exactly when its event went out. It keeps what the event's
 * `detail` holds, its kind and when it was sent; DynamoDB's TTL deletes it `NOTICE_DAYS` after, when `GET /notices` no
 * longer shows it.
 */
export const noticeItem = (db: Db, event: ExpiryEvent, label: string) => ({
  Put: {
    TableName: db.tableName,
    Item: {
      ...keys.notice(event.detail.userId, event.time, event.detail.tokenId, label),
      ...event.detail,
      kind: event.detailType === 'API token expired' ? 'expired' : 'expiring',
      at: event.time,
      ttl: epochSeconds(new Date(event.time)) + NOTICE_DAYS * DAY_S,
    },
  },
});

const toNotice = (item: Record<string, unknown>): ExpiryNotice => ({
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

/** The user's notices sent at or after `since`, newest first, at most `limit`. */
export const readNotices = async (db: Db, userId: string, since: Date, limit: number): Promise<ExpiryNotice[]> => {
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
