import type { Db } from '../storage/dynamodb';
import { keys } from '../storage/keys';
import { queryAll } from '../storage/query';
import { epochSeconds, utcDay } from '../time';
import type { TokenRecord } from '../tokens/types';
import { calendarEntryExpiry } from './notices';
import type { CalendarEntry } from './types';

/**
 * The `Put` of a token's expiry calendar entry, for the transaction that stores the token; none for a
 * token that never expires.
 */
export const calendarPuts = (db: Db, token: TokenRecord) => {
  if (token.expiresAt === null) return [];
  const expiresAt = new Date(token.expiresAt);
  const day = utcDay(expiresAt.getTime());
  return [
    {
      Put: {
        TableName: db.tableName,
        Item: {
          ...keys.expiryEntry(day, token.userId, token.id),
          userId: token.userId,
          tokenId: token.id,
          keyHash: token.keyHash,
          name: token.name,
          expiresAt: token.expiresAt,
          ttl: epochSeconds(calendarEntryExpiry(expiresAt)),
        },
      },
    },
  ];
};

const toEntry = (day: string, item: Record<string, unknown>): CalendarEntry => ({
  day,
  userId: String(item.userId),
  tokenId: String(item.tokenId),
  keyHash: String(item.keyHash),
  name: String(item.name),
  expiresAt: String(item.expiresAt),
  sent: (item.sent as Set<string> | undefined) ?? new Set<string>(),
});

/** The calendar entries of these UTC days: one query per day, never a scan. */
export const readCalendar = async (db: Db, days: readonly string[]): Promise<CalendarEntry[]> => {
  const perDay = await Promise.all(
    days.map(async (day) =>
      (
        await queryAll(db, {
          KeyConditionExpression: 'PK = :day',
          ExpressionAttributeValues: { ':day': keys.expiryDay(day) },
        })
      ).map((item) => toEntry(day, item)),
    ),
  );
  return perDay.flat();
};
