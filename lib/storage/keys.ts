/**
 * The single-table key layout, the one place it is written down.
 *
 * | item          | PK               | SK               | holds                                                   |
 * | ------------- | ---------------- | ---------------- | ------------------------------------------------------- |
 * | token         | USER#<userId>    | TOKEN#<tokenId>  | name, scopes, dates, keyHash: what the owner sees       |
 * | key           | KEY#<sha256>     | KEY              | owner, token id, scopes, expiry, revocation: authorizer |
 * | active set    | USER#<userId>    | ACTIVE           | `active`: string set of "<tokenId>#<expiry>" (limit)    |
 * | usage event   | USE#<sha256>     | <at>#<requestId> | one use of a known token, for the stream (short TTL)    |
 * | usage summary | USAGE#<tokenId>  | SUMMARY          | last use, totals, top addresses, hourly counts of the   |
 * |               |                  |                  | last 25 hours, alerts, stream watermark                 |
 * | usage day     | USAGE#<tokenId>  | D#<yyyy-mm-dd>   | requests and refusals on that day (UTC)                 |
 *
 * Usage events of one token share a partition, so the stream delivers them in order on one shard.
 *
 * `ttl` (epoch seconds) lets DynamoDB delete items a retention period after they stop working.
 */
export const TABLE_KEYS = { partition: 'PK', sort: 'SK', ttl: 'ttl' } as const;

export const keys = {
  token: (userId: string, tokenId: string) => ({ PK: `USER#${userId}`, SK: `TOKEN#${tokenId}` }),
  tokenPrefix: 'TOKEN#',
  user: (userId: string) => `USER#${userId}`,
  key: (keyHash: string) => ({ PK: `KEY#${keyHash}`, SK: 'KEY' }),
  activeSet: (userId: string) => ({ PK: `USER#${userId}`, SK: 'ACTIVE' }),
  useEvent: (keyHash: string, at: Date, requestId: string) => ({
    PK: `USE#${keyHash}`,
    SK: `${at.toISOString()}#${requestId}`,
  }),
  useEventPrefix: 'USE#',
  usage: (tokenId: string) => `USAGE#${tokenId}`,
  usageItem: (tokenId: string, sk: string) => ({ PK: `USAGE#${tokenId}`, SK: sk }),
} as const;
