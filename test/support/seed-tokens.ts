import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { newTokenId } from '../../lib/tokens/ids';
import type { Db } from '../../lib/storage/dynamodb';
import { createDb } from '../../lib/storage/dynamodb';
import { keys } from '../../lib/storage/keys';
import type { TokenRecord } from '../../lib/tokens/types';
import { DAY_MS } from '../../lib/time';
import local from '../../infra/local.json';

/** BatchWriteItem takes at most this many items a request. */
const ITEMS_PER_REQUEST = 25;

/**
 * Stores `count` tokens of `userId` that expired a day ago and are still kept (retention), created one minute
 * apart ending at `newest`, as the create call would have stored them: months of a user's history in a moment.
 * Answers them newest first.
 */
export const seedExpiredTokens = async (
  db: Db,
  userId: string,
  count: number,
  newest = new Date(Date.now() - 2 * DAY_MS),
): Promise<TokenRecord[]> => {
  const records = Array.from({ length: count }, (_, i): TokenRecord => {
    const createdAt = new Date(newest.getTime() - i * 60_000);
    return {
      id: newTokenId(createdAt),
      userId,
      name: `Expired ${i + 1}`,
      scopes: ['cases:read'],
      createdAt: createdAt.toISOString(),
      expiresAt: new Date(Date.now() - DAY_MS).toISOString(),
      lastUsedAt: null,
      keyHash: randomUUID().replaceAll('-', ''),
    };
  });
  const ttl = Math.floor((Date.now() + 29 * DAY_MS) / 1000);
  for (let i = 0; i < records.length; i += ITEMS_PER_REQUEST) {
    let request: BatchWriteCommand['input']['RequestItems'] = {
      [db.tableName]: records
        .slice(i, i + ITEMS_PER_REQUEST)
        .map((record) => ({ PutRequest: { Item: { ...keys.token(userId, record.id), ...record, ttl } } })),
    };
    while (request !== undefined && Object.keys(request).length > 0) {
      request = (await db.client.send(new BatchWriteCommand({ RequestItems: request }))).UnprocessedItems;
    }
  }
  return records;
};

/** The table of the service the e2e and browser projects started (`npm start`'s own). */
export const serviceDb = (): Db => {
  const endpoint = process.env.SERVICE_DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('SERVICE_DYNAMODB_ENDPOINT is not set: the jest global setup starts the service');
  return createDb({ tableName: local.tableName, endpoint });
};
