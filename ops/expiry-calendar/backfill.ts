import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { calendarPuts } from '../../lib/expiry/calendar';
import { calendarEntryExpiry } from '../../lib/expiry/notices';
import { isConditionFailure } from '../../lib/storage/conditions';
import type { Db } from '../../lib/storage/dynamodb';
import { keys } from '../../lib/storage/keys';
import type { TokenRecord } from '../../lib/tokens/types';

export interface Backfill {
  /** Expiring token listings read. */
  tokens: number;
  /** Calendar entries written for them. */
  written: number;
}

/**
 * Writes the expiry calendar entry of every expiring token made before the calendar existed. A one-off
 * migration, so it scans; an entry already there is left alone (it may hold notices already sent).
 */
export const backfillExpiryCalendar = async (db: Db, now: Date): Promise<Backfill> => {
  const done: Backfill = { tokens: 0, written: 0 };
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.client.send(
      new ScanCommand({
        TableName: db.tableName,
        FilterExpression: 'begins_with(SK, :token) AND attribute_type(expiresAt, :string)',
        ExpressionAttributeValues: { ':token': keys.tokenPrefix, ':string': 'S' },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of (page.Items ?? []) as TokenRecord[]) {
      if (item.expiresAt === null || calendarEntryExpiry(new Date(item.expiresAt)) <= now) continue;
      done.tokens++;
      for (const { Put } of calendarPuts(db, item)) {
        try {
          await db.client.send(new PutCommand({ ...Put, ConditionExpression: 'attribute_not_exists(PK)' }));
          done.written++;
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return done;
};
