import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { toChange } from '../../../functions/aggregateUsage';
import type { Db } from '../../../lib/storage/dynamodb';
import { keys } from '../../../lib/storage/keys';
import { hashToken } from '../../../lib/tokens/format';
import { createToken, listTokens, revokeToken } from '../../../lib/tokens/service';
import { DAY_MS } from '../../../lib/time';
import { consumeUseEvents } from '../../../lib/usage/consume';
import { getUsage } from '../../../lib/usage/service';
import { readUsageItems, recordUse } from '../../../lib/usage/store';
import { freshTable, settings } from '../../support/db';
import { readStream } from '../../support/stream';

const HOUR = 3_600_000;

let db: Db;
beforeEach(async () => {
  db = await freshTable();
});

const newToken = async (scopes = ['cases:read']) => {
  const userId = `u-${randomUUID()}`;
  const created = await createToken(
    db,
    settings,
    userId,
    { name: 'Mailchimp sync', scopes, expiresAt: null },
    new Date(Date.now() - 40 * DAY_MS),
  );
  return { userId, ...created, keyHash: hashToken(created.token) };
};

const use = (keyHash: string, ip: string, at: Date, module = 'cases') =>
  recordUse(db, {
    keyHash,
    at,
    requestId: randomUUID(),
    ip,
    route: 'GET /v1/{module}',
    requirement: { module, access: 'read' },
  });

/** Runs the consumer over every stream record so far, as one batch. */
const consumeAll = async (): Promise<{ records: DynamoDBRecord[]; failed: string[] }> => {
  const records = await readStream(db);
  return { records, failed: await consumeUseEvents(db, records.map(toChange)) };
};

describe('usage aggregation from the DynamoDB Local stream', () => {
  it('counts requests and source addresses, and sets the token’s last use', async () => {
    const token = await newToken();
    const now = new Date();
    for (const [ip, n] of [
      ['127.0.0.2', 3],
      ['127.0.0.3', 2],
      ['127.0.0.4', 1],
    ] as const) {
      for (let i = 0; i < n; i++) await use(token.keyHash, ip, new Date(now.getTime() - 1000 + i));
    }
    expect((await consumeAll()).failed).toEqual([]);
    const usage = await getUsage(db, token.userId, token.id, new Date());
    expect(usage.requests).toEqual({ day: 6, week: 6, month: 6 });
    expect(usage.ips.map(({ ip, requests }) => [ip, requests])).toEqual([
      ['127.0.0.2', 3],
      ['127.0.0.3', 2],
      ['127.0.0.4', 1],
    ]);
    expect(usage.lastUsedAt).toBe(new Date(now.getTime() - 1000 + 2).toISOString());
    const listed = (await listTokens(db, settings, token.userId, new Date())).tokens[0];
    expect(listed?.lastUsedAt).toBe(usage.lastUsedAt);
  });

  it('puts backdated uses into the right windows: last day, week and month', async () => {
    const token = await newToken();
    const now = Date.now();
    for (const ago of [
      1 * HOUR,
      23 * HOUR,
      25 * HOUR,
      3 * DAY_MS,
      6 * DAY_MS,
      8 * DAY_MS,
      20 * DAY_MS,
      29 * DAY_MS,
      31 * DAY_MS,
    ]) {
      await use(token.keyHash, '127.0.0.2', new Date(now - ago));
    }
    await consumeAll();
    const usage = await getUsage(db, token.userId, token.id, new Date(now));
    expect(usage.requests.day).toBe(2);
    // Week and month count whole UTC days: today and the 6 (or 29) before it.
    expect(usage.requests.week).toBe(5);
    expect(usage.requests.month).toBe(8);
    expect(usage.daily).toHaveLength(30);
  });

  it('counts nothing twice when the same batch, or its tail, is delivered again', async () => {
    const token = await newToken();
    for (let i = 0; i < 5; i++) await use(token.keyHash, '127.0.0.2', new Date());
    const { records } = await consumeAll();
    const before = await readUsageItems(db, token.id);
    expect(await consumeUseEvents(db, records.map(toChange))).toEqual([]);
    expect(await consumeUseEvents(db, records.slice(2).map(toChange))).toEqual([]);
    expect(await readUsageItems(db, token.id)).toEqual(before);
    expect((await getUsage(db, token.userId, token.id, new Date())).requests.day).toBe(5);
  });

  it('reports a malformed use event alone and still counts the others', async () => {
    const token = await newToken();
    await use(token.keyHash, '127.0.0.2', new Date());
    await db.client.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...keys.useEvent(token.keyHash, new Date(), 'bad'), at: 'not a time' },
      }),
    );
    await use(token.keyHash, '127.0.0.3', new Date());
    const { records, failed } = await consumeAll();
    const bad = records.find((r) => r.dynamodb?.Keys?.SK?.S?.endsWith('#bad'));
    expect(failed).toEqual([bad?.dynamodb?.SequenceNumber]);
    expect((await getUsage(db, token.userId, token.id, new Date())).requests.day).toBe(2);
  });

  it('ignores token changes, TTL deletions and events of unknown keys', async () => {
    await newToken();
    await use(hashToken('mp_test_unknown'), '127.0.0.2', new Date());
    const { records, failed } = await consumeAll();
    const ttlDeletion = {
      ...(records[0] as DynamoDBRecord),
      eventName: 'REMOVE' as const,
      userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
    };
    expect(failed).toEqual([]);
    expect(await consumeUseEvents(db, [toChange(ttlDeletion)])).toEqual([]);
  });

  it('bounds the stored addresses of a token used from many addresses', async () => {
    const token = await newToken();
    for (let i = 0; i < 120; i++) await use(token.keyHash, `10.1.${Math.floor(i / 200)}.${i % 200}`, new Date());
    await consumeAll();
    const usage = await getUsage(db, token.userId, token.id, new Date());
    expect(usage.ips).toHaveLength(50);
    expect(usage.otherIps).toEqual({ requests: 70, addresses: 70 });
    const summary = (await readUsageItems(db, token.id)).find((item) => item.SK === 'SUMMARY');
    expect(JSON.stringify(summary).length).toBeLessThan(20_000);
  });

  it('records use of a revoked token as a refusal with an alert, and keeps no last use for it', async () => {
    const token = await newToken();
    await revokeToken(db, settings, token.userId, token.id, new Date(Date.now() - 1000));
    await use(token.keyHash, '127.0.0.2', new Date());
    await consumeAll();
    const summary = (await readUsageItems(db, token.id)).find((item) => item.SK === 'SUMMARY') as {
      state: { alerts: { kind: string }[]; lastUsedAt: unknown };
    };
    expect(summary.state.alerts.map((a) => a.kind)).toEqual(['revoked_use']);
    expect(summary.state.lastUsedAt).toBeNull();
  });

  it('never shows one user another user’s usage', async () => {
    const token = await newToken();
    await expect(getUsage(db, `someone-${randomUUID()}`, token.id, new Date())).rejects.toMatchObject({
      code: 'token_not_found',
    });
  });
});
