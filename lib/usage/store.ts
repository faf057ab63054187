import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../storage/dynamodb';
import { keys } from '../storage/keys';
import { queryAll } from '../storage/query';
import type { KeyRecord } from '../tokens/types';
import type { Requirement } from '../tokens/verify';
import type { Aggregation } from './aggregate';
import { emptyState, type Counts, type UsageState } from './types';

const DAY_S = 86_400;
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

/** Writes one use event; the stream carries it to the aggregator. */
export const recordUse = async (db: Db, use: UseRecord): Promise<void> => {
  await db.client.send(
    new PutCommand({
      TableName: db.tableName,
      Item: {
        ...keys.useEvent(use.keyHash, use.at, use.requestId),
        keyHash: use.keyHash,
        at: use.at.getTime(),
        ip: use.ip,
        route: use.route,
        need: use.requirement === null ? null : `${use.requirement.module}:${use.requirement.access}`,
        ttl: Math.floor(use.at.getTime() / 1000) + EVENT_TTL_S,
      },
    }),
  );
};

const batchGet = async (
  db: Db,
  wanted: Record<string, string>[],
  projection?: string,
): Promise<Record<string, unknown>[]> => {
  const found: Record<string, unknown>[] = [];
  for (let i = 0; i < wanted.length; i += 100) {
    let request:
      | Record<string, { Keys: Record<string, string>[]; ConsistentRead: boolean; ProjectionExpression?: string }>
      | undefined = {
      [db.tableName]: { Keys: wanted.slice(i, i + 100), ConsistentRead: true, ProjectionExpression: projection },
    };
    while (request && Object.keys(request).length > 0) {
      const page = await db.client.send(new BatchGetCommand({ RequestItems: request }));
      found.push(...(page.Responses?.[db.tableName] ?? []));
      request = page.UnprocessedKeys as typeof request;
    }
  }
  return found;
};

/** The key items of these hashes, by hash; missing ones (deleted by TTL) are absent. */
export const findKeys = async (db: Db, hashes: string[]): Promise<Map<string, KeyRecord>> => {
  const items = await batchGet(db, hashes.map(keys.key), 'PK, userId, tokenId, scopes, expiresAt, revokedAt');
  return new Map(items.map((item) => [String(item.PK).slice('KEY#'.length), item as unknown as KeyRecord]));
};

/** Each token's usage state, as the last batch left it. */
export const loadStates = async (db: Db, tokenIds: string[]): Promise<Map<string, UsageState>> => {
  const items = await batchGet(
    db,
    tokenIds.map((id) => keys.usageItem(id, 'SUMMARY')),
  );
  const states = new Map(tokenIds.map((id) => [id, emptyState()]));
  for (const item of items) states.set(String(item.PK).slice('USAGE#'.length), item.state as UsageState);
  return states;
};

const countUpdate = (db: Db, tokenId: string, sk: string, counts: Counts, ttl: number) => {
  const refused = Object.entries(counts.refused);
  return {
    Update: {
      TableName: db.tableName,
      Key: keys.usageItem(tokenId, sk),
      UpdateExpression: `SET #ttl = :ttl ADD requests :requests${refused.map((_, i) => `, #r${i} :r${i}`).join('')}`,
      ExpressionAttributeNames: {
        '#ttl': 'ttl',
        ...Object.fromEntries(refused.map(([reason], i) => [`#r${i}`, reason])),
      },
      ExpressionAttributeValues: {
        ':ttl': ttl,
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
  previousWatermark: string | null,
  aggregation: Aggregation,
): Promise<boolean> => {
  const dayTtl = (day: string) => Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000) + DAY_BUCKET_TTL_S;
  try {
    await db.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: db.tableName,
              Item: {
                ...keys.usageItem(tokenId, 'SUMMARY'),
                watermark: aggregation.state.watermark,
                state: aggregation.state,
              },
              ConditionExpression: previousWatermark === null ? 'attribute_not_exists(PK)' : 'watermark = :previous',
              ExpressionAttributeValues: previousWatermark === null ? undefined : { ':previous': previousWatermark },
            },
          },
          ...[...aggregation.days].map(([day, counts]) => countUpdate(db, tokenId, `D#${day}`, counts, dayTtl(day))),
        ],
      }),
    );
    return true;
  } catch (error) {
    if (
      error instanceof TransactionCanceledException &&
      error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
    )
      return false;
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
    if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
  }
};

/** Every usage item of a token: its summary and day buckets. */
export const readUsageItems = (db: Db, tokenId: string): Promise<Record<string, unknown>[]> =>
  queryAll(db, { KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.usage(tokenId) } });
