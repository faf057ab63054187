/**
 * The single-table key layout, the one place it is written down.
 *
 * | item          | PK               | SK               | holds                                                   |
 * | ------------- | ---------------- | ---------------- | ------------------------------------------------------- |
 * | token         | USER#<userId>    | TOKEN#<tokenId>  | name, scopes, dates, keyHash: what the owner sees       |
 * | key           | KEY#<sha256>     | KEY              | owner, token id, scopes, expiry, revocation: authorizer |
 * | active set    | USER#<userId>    | ACTIVE           | `active`: string set of "<tokenId>#<expiry>" (limit)    |
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
} as const;
