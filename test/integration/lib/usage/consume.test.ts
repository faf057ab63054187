import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { toChange } from '../../../../functions/aggregateUsage';
import { logger } from '../../../../lib/log';
import type { Db } from '../../../../lib/storage/dynamodb';
import { keys } from '../../../../lib/storage/keys';
import { hashToken } from '../../../../lib/tokens/format';
import { listTokens, revokeToken } from '../../../../lib/tokens/service';
import { DAY_MS } from '../../../../lib/time';
import { consumeUseEvents } from '../../../../lib/usage/consume';
import { getUsage } from '../../../../lib/usage/service';
import { readUsageItems, recordUse } from '../../../../lib/usage/store';
import { freshTable, settings } from '../../../support/db';
import { readStream } from '../../../support/stream';
import { valueOf } from '../../../support/outcome';
import { newUsableToken } from '../../../support/usage';
import { metricsNamed, printedLines } from '../../../support/stdout';

const HOUR = 3_600_000;

let db: Db;
beforeEach(async () => {
  db = await freshTable();
});

const newToken = (scopes?: string[]) => newUsableToken(db, scopes);

const MINUTE = 60_000;

const use = (keyHash: string, ip: string, at: Date, module = 'cases') =>
  recordUse(db, {
    keyHash,
    at,
    requestId: randomUUID(),
    ip,
    route: 'GET /v1/{module}',
    requirement: { module, access: 'read' },
  });

/** The stream records that wrote a use event of this key. */
const useEventRecords = (records: DynamoDBRecord[], keyHash: string): DynamoDBRecord[] =>
  records.filter((r) => keys.isUseEvent(r.dynamodb?.Keys?.PK?.S ?? '') && r.dynamodb?.NewImage?.keyHash?.S === keyHash);

/** The usage report of a token, now. */
const usageOf = async (token: { userId: string; id: string }) =>
  valueOf(await getUsage(db, token.userId, token.id, new Date()));

/** The alerts of a token used at `known` times from 127.0.0.2, then once from 127.0.0.3 and once from 127.0.0.4. */
const newAddressAlerts = async (known: number[], third: number, fourth: number) => {
  const token = await newToken();
  for (const at of known) await use(token.keyHash, '127.0.0.2', new Date(at));
  await use(token.keyHash, '127.0.0.3', new Date(third));
  await use(token.keyHash, '127.0.0.4', new Date(fourth));
  await consumeAll();
  return (await usageOf(token)).alerts;
};

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
    const usage = valueOf(await getUsage(db, token.userId, token.id, new Date()));
    expect(usage.requests).toEqual({ day: 6, week: 6, month: 6 });
    expect(usage.ips.map(({ ip, requests }) => [ip, requests])).toEqual([
      ['127.0.0.2', 3],
      ['127.0.0.3', 2],
      ['127.0.0.4', 1],
    ]);
    expect(usage.lastUsedAt).toBe(new Date(now.getTime() - 1000 + 2).toISOString());
    const listed = (await listTokens(db, token.userId, new Date())).tokens[0];
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
    const usage = valueOf(await getUsage(db, token.userId, token.id, new Date(now)));
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
    expect(valueOf(await getUsage(db, token.userId, token.id, new Date())).requests.day).toBe(5);
  });

  it('counts every event once when a batch is delivered again from its middle with new records after it', async () => {
    const token = await newToken();
    for (let i = 0; i < 5; i++) await use(token.keyHash, '127.0.0.2', new Date());
    const { records: first } = await consumeAll();
    for (let i = 0; i < 3; i++) await use(token.keyHash, '127.0.0.3', new Date());
    const all = await readStream(db);
    expect(all.length).toBeGreaterThan(first.length + 3);
    expect(await consumeUseEvents(db, all.slice(first.length - 3).map(toChange))).toEqual([]);
    const usage = await usageOf(token);
    expect(usage.requests).toEqual({ day: 8, week: 8, month: 8 });
    expect(usage.ips.map(({ ip, requests }) => [ip, requests])).toEqual([
      ['127.0.0.2', 5],
      ['127.0.0.3', 3],
    ]);
  });

  it('keeps a day bucket until 31 days after that UTC day’s midnight, and a use event 2 days after the use', async () => {
    const token = await newToken();
    const at = new Date(Date.now() - 3 * DAY_MS);
    await use(token.keyHash, '127.0.0.2', at);
    const { records } = await consumeAll();
    const day = at.toISOString().slice(0, 10);
    const bucket = (await readUsageItems(db, token.id)).find((item) => keys.dayOfUsage(item.SK) === day);
    const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()) / 1000;
    expect(bucket).toMatchObject({ requests: 1, ttl: midnight + 31 * 24 * 60 * 60 });
    const [event] = useEventRecords(records, token.keyHash);
    expect(event?.dynamodb?.NewImage?.ttl?.N).toBe(String(Math.floor(at.getTime() / 1000) + 2 * 24 * 60 * 60));
  });

  it('alerts on a new address after 20 requests from known ones over a day, not after 19', async () => {
    const first = Date.now() - 30 * HOUR;
    const known = Array.from({ length: 19 }, (_, i) => first + i * MINUTE);
    expect(await newAddressAlerts(known, first + 25 * HOUR, first + 26 * HOUR)).toEqual([
      expect.objectContaining({ kind: 'new_ip', details: { ip: '127.0.0.4', priorRequests: 20, addresses: 1 } }),
    ]);
  });

  it('alerts on a new address only once the first use is 24 hours earlier, not 23 h 59 min', async () => {
    const first = Date.now() - 30 * HOUR;
    const known = Array.from({ length: 20 }, (_, i) => first + i * 1000);
    expect(await newAddressAlerts(known, first + 23 * HOUR + 59 * MINUTE, first + 24 * HOUR)).toEqual([
      expect.objectContaining({ kind: 'new_ip', details: { ip: '127.0.0.4', priorRequests: 21, addresses: 1 } }),
    ]);
  });

  it('reports the first record of a token whose usage could not be saved, logs why without its key hash, and counts the others', async () => {
    const broken = await newToken();
    const other = await newToken();
    const now = new Date();
    // A day bucket whose count is not a number: adding to it fails the whole transaction.
    await db.client.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...keys.usageDay(broken.id, now.toISOString().slice(0, 10)), requests: 'many' },
      }),
    );
    await use(broken.keyHash, '127.0.0.2', now);
    await use(other.keyHash, '127.0.0.2', now);
    await use(broken.keyHash, '127.0.0.3', now);
    const errors = jest.spyOn(logger, 'error');
    try {
      const { records, failed } = await consumeAll();
      const firstOfBroken = useEventRecords(records, broken.keyHash)[0]?.dynamodb?.SequenceNumber;
      expect(failed).toEqual([firstOfBroken]);
      expect((await usageOf(other)).requests.day).toBe(1);
      expect(errors).toHaveBeenCalledTimes(1);
      const [message, attributes] = errors.mock.calls[0] as [string, Record<string, unknown>];
      expect(attributes).toEqual({ tokenId: broken.id, firstSeq: firstOfBroken, error: expect.any(Error) });
      const logged = `${message} ${JSON.stringify(attributes)} ${String(attributes.error)}`;
      expect(logged).not.toContain(broken.keyHash.slice(0, 16));
    } finally {
      errors.mockRestore();
    }
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
    expect(valueOf(await getUsage(db, token.userId, token.id, new Date())).requests.day).toBe(2);
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
    const usage = valueOf(await getUsage(db, token.userId, token.id, new Date()));
    expect(usage.ips).toHaveLength(50);
    expect(usage.otherIps).toEqual({ requests: 70, addresses: 70 });
    const summary = (await readUsageItems(db, token.id)).find((item) => keys.isUsageSummary(item.SK));
    expect(JSON.stringify(summary).length).toBeLessThan(20_000);
  });

  it('records use of a revoked token as a refusal with an alert, and keeps no last use for it', async () => {
    const token = await newToken();
    valueOf(await revokeToken(db, settings, token.userId, token.id, new Date(Date.now() - 1000)));
    await use(token.keyHash, '127.0.0.2', new Date());
    await consumeAll();
    const summary = (await readUsageItems(db, token.id)).find((item) => keys.isUsageSummary(item.SK)) as {
      state: { alerts: { kind: string }[]; lastUsedAt: unknown };
    };
    expect(summary.state.alerts.map((a) => a.kind)).toEqual(['revoked_use']);
    expect(summary.state.lastUsedAt).toBeNull();
  });

  it('never shows one user another user’s usage', async () => {
    const token = await newToken();
    await expect(getUsage(db, `someone-${randomUUID()}`, token.id, new Date())).resolves.toEqual({
      ok: false,
      reason: 'not_found',
    });
  });
});

describe('the metrics of the usage consumer', () => {
  it('counts the use events it aggregated, none again on redelivery, and the records it reports as failed', async () => {
    const token = await newToken();
    const now = new Date();
    for (let i = 0; i < 3; i++) await use(token.keyHash, '127.0.0.2', now);
    const records = await readStream(db);
    const [aUse] = useEventRecords(records, token.keyHash) as [DynamoDBRecord];
    const malformed = { ...toChange(aUse), seq: '1', newImage: { keyHash: 7 } };
    const first = await printedLines(() => consumeUseEvents(db, [...records.map(toChange), malformed]));
    const again = await printedLines(() => consumeUseEvents(db, records.map(toChange)));
    const service = { service: 'api-tokens' };
    expect(metricsNamed(first, 'UsageEventsAggregated')).toEqual([{ value: 3, dimensions: service }]);
    expect(metricsNamed(first, 'UsageConsumerFailures')).toEqual([{ value: 1, dimensions: service }]);
    expect(metricsNamed(again, 'UsageEventsAggregated')).toEqual([{ value: 0, dimensions: service }]);
    expect(metricsNamed(again, 'UsageConsumerFailures')).toEqual([{ value: 0, dimensions: service }]);
  });

  it('carries on from a usage summary saved before the ledger had revisions and gaps', async () => {
    const token = await newToken();
    await use(token.keyHash, '127.0.0.2', new Date());
    const { records } = await consumeAll();
    const [summary] = (await readUsageItems(db, token.id)).filter((item) => keys.isUsageSummary(item.SK));
    const { revision, writers, gaps, forgotAt, ...older } = summary?.state as Record<string, unknown>;
    expect([revision, writers, gaps, forgotAt]).toEqual([1, expect.any(Object), [], null]);
    await db.client.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...keys.usageSummary(token.id), watermark: older.watermark, state: older },
      }),
    );
    await use(token.keyHash, '127.0.0.2', new Date());
    const later = (await readStream(db)).slice(records.length);
    expect(await consumeUseEvents(db, later.map(toChange))).toEqual([]);
    expect((await usageOf(token)).requests.day).toBe(2);
  });
});
