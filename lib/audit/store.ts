import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../storage/dynamodb';
import { keys } from '../storage/keys';
import { DAY_S, epochSeconds } from '../time';
import type { AuditEntry } from './types';

const ENTRY_ATTRIBUTES = ['at', 'action', 'tokenId', 'tokenName', 'actor', 'ip', 'url'] as const;

/**
 * The item of one audit entry, for a transaction's `Put` (so that the entry is written with the change
 * it records, or not at all). DynamoDB's TTL deletes it `retentionDays` after the change.
 */
export const auditItem = (db: Db, userId: string, entry: AuditEntry, retentionDays: number) => ({
  Put: {
    TableName: db.tableName,
    Item: {
      ...keys.auditEntry(userId, entry.at, randomUUID()),
      ...entry,
      ttl: epochSeconds(new Date(entry.at)) + retentionDays * DAY_S,
    },
  },
});

/** Records one audit entry on its own (when no transaction carries the change). */
export const recordAuditEntry = async (db: Db, userId: string, entry: AuditEntry, retentionDays: number) => {
  await db.client.send(new PutCommand(auditItem(db, userId, entry, retentionDays).Put));
};

const toEntry = (item: Record<string, unknown>): AuditEntry =>
  Object.fromEntries(
    ENTRY_ATTRIBUTES.filter((name) => item[name] !== undefined).map((name) => [name, item[name]]),
  ) as unknown as AuditEntry;

/** One page of a user's history, newest first, and where the next page starts (an SK), if there is one. */
export const readAuditPage = async (
  db: Db,
  userId: string,
  limit: number,
  after: string | undefined,
): Promise<{ entries: AuditEntry[]; next: string | undefined }> => {
  const page = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: after === undefined ? 'PK = :pk' : 'PK = :pk AND SK < :after',
      ExpressionAttributeValues: {
        ':pk': keys.auditTrail(userId),
        ...(after === undefined ? {} : { ':after': after }),
      },
      ScanIndexForward: false,
      // A change made a moment ago is in the history already.
      ConsistentRead: true,
      Limit: limit,
    }),
  );
  const items = page.Items ?? [];
  const last = items.at(-1);
  return {
    entries: items.map(toEntry),
    next: page.LastEvaluatedKey !== undefined && typeof last?.SK === 'string' ? last.SK : undefined,
  };
};
