import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../storage/dynamodb';
import { keys } from '../storage/keys';
import { nameClaimKey } from './names';
import type { TokenRecord } from './types';

type Claimant = Pick<TokenRecord, 'id' | 'userId' | 'name' | 'expiresAt'>;

/**
 * The `Put` that claims `token`'s name among its owner's working tokens, for the transaction that stores or
 * renames it: it fails while another token holds the name, unless that token has expired (its claim is
 * taken over) or it is `takeOverFrom`'s (a roll hands the old token's name to the new one). Revocation releases a
 * claim (`nameReleaseDeletes`).
 */
export const nameClaimPut = (db: Db, token: Claimant, now: Date, ttl: number | undefined, takeOverFrom?: string) => ({
  Put: {
    TableName: db.tableName,
    Item: {
      ...keys.nameClaim(token.userId, nameClaimKey(token.name)),
      tokenId: token.id,
      ...(token.expiresAt === null ? {} : { expiry: Date.parse(token.expiresAt) }),
      ttl,
    },
    ConditionExpression:
      'attribute_not_exists(PK) OR tokenId IN (:id, :from) OR (attribute_exists(expiry) AND expiry <= :now)',
    ExpressionAttributeValues: { ':id': token.id, ':from': takeOverFrom ?? token.id, ':now': now.getTime() },
  },
});

/**
 * The `Delete` of `token`'s claim on its name, if it still holds it (an expired token's claim may have been
 * taken over): read first, and conditional on the holder, so a claim taken over meanwhile cancels the
 * transaction rather than being released.
 */
export const nameReleaseDeletes = async (db: Db, token: Claimant) => {
  const key = keys.nameClaim(token.userId, nameClaimKey(token.name));
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: true, ProjectionExpression: 'tokenId' }),
  );
  if (Item?.tokenId !== token.id) return [];
  return [
    {
      Delete: {
        TableName: db.tableName,
        Key: key,
        ConditionExpression: 'tokenId = :id',
        ExpressionAttributeValues: { ':id': token.id },
      },
    },
  ];
};
