import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from '../storage/batch-get';
import { isConditionFailure, isTransactionConditionFailure } from '../storage/conditions';
import type { Db } from '../storage/dynamodb';
import { keys } from '../storage/keys';
import { queryAll } from '../storage/query';
import { DAY_S, epochSeconds, startOfUtcDay } from '../time';
import type { KeyRecord } from '../tokens/types';
import type { Requirement } from '../tokens/verify';
import type { Aggregation } from './aggregate';
import { emptyState, type Counts, type UsageState, type WriterMark } from './types';
import { markUse } from './writer';

/** Use events only need to live until the aggregator has read them from the stream. */
const EVENT_TTL_S = 2 * DAY_S;
const DAY_BUCKET_TTL_S = 31 * DAY_S;

export interface UseRecord {
  keyHash: string;
  at: Date;
  requestId: string;
  ip: string;
  route: string;
  requirement: Requirement;
}

const writerAttributes = (mark: WriterMark) => ({ wid: mark.id, wn: mark.n, wp: mark.previous });

/** The use-event item of one use, marked as this container's next: what the stream carries to the aggregator. */
export const useEventItem = (use: UseRecord) => ({
  ...keys.useEvent(use.keyHash, use.at, use.requestId),
  keyHash: use.keyHash,
  at: use.at.getTime(),
  ip: use.ip,
  route: use.route,
  need: use.requirement === null ? null : `${use.requirement.module}:${use.requirement.access}`,
  ...writerAttributes(markUse(use.keyHash)),
  ttl: epochSeconds(use.at) + EVENT_TTL_S,
});

/** Writes one use event, on the authorizer's hot path (no SDK middleware); the stream carries it to the aggregator. */
export const recordUse = (db: Db, use: UseRecord): Promise<void> =>
  db.hotPath.putItem({ TableName: db.tableName, Item: useEventItem(use) });

/** The key items of these hashes, by hash; missing ones (deleted by TTL) are absent. */
export const findKeys = async (db: Db, hashes: string[]): Promise<Map<string, KeyRecord>> => {
  const items = await batchGetAll(
    db,
    hashes.map(keys.key),
    'PK, userId, tokenId, scopes, expiresAt, revokedAt, graceUntil',
  );
  const found = new Map<string, KeyRecord>();
  for (const item of items) {
    const hash = keys.keyHashOf(item.PK);
    if (hash !== undefined) found.set(hash, item as unknown as KeyRecord);
  }
  return found;
};

/** Each token's usage state, as the last batch left it. */
export const loadStates = async (db: Db, tokenIds: string[]): Promise<Map<string, UsageState>> => {
  const items = await batchGetAll(db, tokenIds.map(keys.usageSummary));
  const states = new Map(tokenIds.map((id) => [id, emptyState()]));
  for (const item of items) {
    const tokenId = keys.tokenIdOfUsage(item.PK);
    // Summaries written before the ledger had gaps and revisions lack those fields.
    if (tokenId !== undefined) states.set(tokenId, { ...emptyState(), ...(item.state as Partial<UsageState>) });
  }
  return states;
};

const dayUpdate = (db: Db, tokenId: string, day: string, counts: Counts) => {
  const refused = Object.entries(counts.refused);
  return {
    Update: {
      TableName: db.tableName,
      Key: keys.usageDay(tokenId, day),
      UpdateExpression: `SET #ttl = :ttl ADD requests :requests${refused.map((_, i) => `, #r${i} :r${i}`).join('')}`,
      ExpressionAttributeNames: {
        '#ttl': 'ttl',
        ...Object.fromEntries(refused.map(([reason], i) => [`#r${i}`, reason])),
      },
      ExpressionAttributeValues: {
        ':ttl': epochSeconds(startOfUtcDay(day)) + DAY_BUCKET_TTL_S,
        ':requests': counts.requests,
        ...Object.fromEntries(refused.map(([, n], i) => [`:r${i}`, n])),
      },
    },
  };
};

/**
 * Writes one token's aggregation: its state and every touched day bucket, in one
 * transaction that only applies if the state is still the one it was computed from. Answers false
 * when another writer got there first (the caller reloads and tries again).
 */
export const saveAggregation = async (
  db: Db,
  tokenId: string,
  previousRevision: number,
  aggregation: Aggregation,
): Promise<boolean> => {
  const revision = previousRevision + 1;
  try {
    await db.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: db.tableName,
              Item: {
                ...keys.usageSummary(tokenId),
                revision,
                state: { ...aggregation.state, revision },
              },
              // A summary written before revisions has none: it counts as revision 0.
              ConditionExpression: previousRevision === 0 ? 'attribute_not_exists(revision)' : 'revision = :previous',
              ExpressionAttributeValues: previousRevision === 0 ? undefined : { ':previous': previousRevision },
            },
          },
          ...[...aggregation.days].map(([day, counts]) => dayUpdate(db, tokenId, day, counts)),
        ],
      }),
    );
    return true;
  } catch (error) {
    // Item 0 is the summary, the only item with a condition.
    if (isTransactionConditionFailure(error, 0)) return false;
    throw error;
  }
};

/** Moves the token's "last used" forward (never back); a revoked token's listing is gone and stays gone. */
export const markLastUsed = async (db: Db, userId: string, tokenId: string, at: Date): Promise<void> => {
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.token(userId, tokenId),
        UpdateExpression: 'SET lastUsedAt = :at',
        ConditionExpression: 'attribute_exists(PK) AND (lastUsedAt = :null OR lastUsedAt < :at)',
        ExpressionAttributeValues: { ':at': at.toISOString(), ':null': null },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
};

/** Every usage item of a token: its summary and day buckets. */
export const readUsageItems = (db: Db, tokenId: string): Promise<Record<string, unknown>[]> =>
  queryAll(db, { KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.usage(tokenId) } });
