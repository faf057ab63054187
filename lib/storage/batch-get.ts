import { BatchGetCommand, type BatchGetCommandInput, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { backoff } from './backoff';
import type { Db } from './dynamodb';

/** BatchGetItem takes at most this many keys a request. */
const KEYS_PER_REQUEST = 100;
/** Rounds of UnprocessedKeys (DynamoDB's throttling or 16 MB response limit) before giving up. */
const MAX_ROUNDS = 10;

type Request = NonNullable<BatchGetCommandInput['RequestItems']>;

/**
 * The items of these keys that exist, strongly consistent, in no particular order: 100 keys a
 * request, the keys DynamoDB left unprocessed asked for again after a short wait.
 */
export const batchGetAll = async (
  db: Db,
  wanted: readonly Record<string, string>[],
  projection?: string,
): Promise<Record<string, unknown>[]> => {
  const found: Record<string, unknown>[] = [];
  for (let i = 0; i < wanted.length; i += KEYS_PER_REQUEST) {
    let request: Request | undefined = {
      [db.tableName]: {
        Keys: wanted.slice(i, i + KEYS_PER_REQUEST),
        ConsistentRead: true,
        ProjectionExpression: projection,
      },
    };
    for (let round = 0; request !== undefined && Object.keys(request).length > 0; round++) {
      if (round === MAX_ROUNDS) throw new Error(`BatchGetItem left keys unprocessed ${MAX_ROUNDS} times`);
      if (round > 0) await backoff(round - 1);
      const page: BatchGetCommandOutput = await db.client.send(new BatchGetCommand({ RequestItems: request }));
      found.push(...(page.Responses?.[db.tableName] ?? []));
      request = page.UnprocessedKeys;
    }
  }
  return found;
};
