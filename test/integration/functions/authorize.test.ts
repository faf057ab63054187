import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { authorizerHandler } from '../../../functions/authorize';
import { parseConfig } from '../../../lib/config';
import type { Db } from '../../../lib/storage/dynamodb';
import { generateToken, hashToken } from '../../../lib/tokens/format';
import { createToken } from '../../../lib/tokens/service';
import { freshTable, settings } from '../../support/db';
import { restAuthorizerEvent } from '../../support/events';
import { valueOf } from '../../support/outcome';

let db: Db;
let authorize: ReturnType<typeof authorizerHandler>;

beforeAll(async () => {
  db = await freshTable();
  const config = parseConfig({
    TABLE_NAME: db.tableName,
    TOKEN_ENVIRONMENT: 'test',
    SESSION_ISSUER: 'issuer',
    SESSION_AUDIENCE: 'audience',
    SESSION_JWKS_URL: 'https://id.example/jwks',
  });
  authorize = authorizerHandler(() => ({ config, db }));
});

const useEvents = async (keyHash: string): Promise<Record<string, unknown>[]> =>
  (
    await db.client.send(
      new ScanCommand({
        TableName: db.tableName,
        FilterExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `USE#${keyHash}` },
      }),
    )
  ).Items ?? [];

const issue = async (scopes: string[]): Promise<string> =>
  valueOf(
    await createToken(
      db,
      settings,
      `u-${randomUUID()}`,
      { name: 'Nightly import', scopes, expiresAt: null },
      new Date(),
    ),
  ).token;

const effectOf = (result: Awaited<ReturnType<typeof authorize>>) => result.policyDocument.Statement[0]?.Effect;

describe('the authorizer on a REST API REQUEST event, against DynamoDB Local', () => {
  it('allows a valid token in scope and records exactly one use event with what the consumer needs', async () => {
    const token = await issue(['cases:read']);
    const result = await authorize(restAuthorizerEvent({ token, module: 'cases', sourceIp: '203.0.113.9' }));
    expect(effectOf(result)).toBe('Allow');
    const events = await useEvents(hashToken(token));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      keyHash: hashToken(token),
      ip: '203.0.113.9',
      route: 'GET /v1/{module}',
      need: 'cases:read',
    });
    expect(JSON.stringify(events)).not.toContain(token);
  });

  it('records a refused use of a known token too (out of scope), naming the scope needed', async () => {
    const token = await issue(['cases:read']);
    const result = await authorize(restAuthorizerEvent({ token, method: 'POST', module: 'cases' }));
    expect(result.context).toEqual({
      code: 'insufficient_scope',
      message: 'This token lacks the scope cases:write that this route requires',
    });
    expect((await useEvents(hashToken(token))).map((event) => event.need)).toEqual(['cases:write']);
  });

  it('writes nothing for a never-issued token whose checksum is valid', async () => {
    const token = generateToken({ prefix: 'mp', environment: 'test' });
    const result = await authorize(restAuthorizerEvent({ token, module: 'cases' }));
    expect(effectOf(result)).toBe('Deny');
    expect(result.context).toEqual({ code: 'token_invalid', message: 'Invalid access token provided' });
    // Twice: the second time must not take the path of a key this container has seen.
    await authorize(restAuthorizerEvent({ token, module: 'cases', requestId: randomUUID() }));
    expect(await useEvents(hashToken(token))).toEqual([]);
  });

  it('names only configured scopes for a hostile path segment, never the segment', async () => {
    const token = await issue(['cases:read']);
    const result = await authorize(restAuthorizerEvent({ token, module: 'x","code":"pwned' }));
    expect(result.context).toEqual({
      code: 'insufficient_scope',
      message: 'This token lacks the scope *:read that this route requires',
    });
    expect((await useEvents(hashToken(token))).map((event) => event.need)).toEqual(['*:read']);
  });
});
