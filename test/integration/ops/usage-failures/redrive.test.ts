import { setTimeout as sleep } from 'node:timers/promises';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient, type _Record as StreamsRecord } from '@aws-sdk/client-dynamodb-streams';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { clientSettings, createDb, type Db } from '../../../../lib/storage/dynamodb';
import { keys } from '../../../../lib/storage/keys';
import { getUsage } from '../../../../lib/usage/service';
import { readUsageItems, recordUse } from '../../../../lib/usage/store';
import { localClient } from '../../../../local/dynamodb-local';
import { latestStreamArn, listShards, readShard } from '../../../../local/stream/shard-reader';
import { replayFailures, type FailureMessage, type ReplayTargets } from '../../../../ops/usage-failures/redrive';
import { consumeUseEvents } from '../../../../lib/usage/consume';
import { toChange } from '../../../../functions/aggregateUsage';
import { toLambdaRecord } from '../../../../local/stream/records';
import { freshTable } from '../../../support/db';
import { valueOf } from '../../../support/outcome';
import { newUsableToken } from '../../../support/usage';

// Failure records as Lambda's event source mapping sends them to the on-failure destination, naming
// ranges of DynamoDB Local's real stream, re-driven through the usage consumer.

let db: Db;
let endpoint: string;
let streams: DynamoDBStreamsClient;
let tables: ReturnType<typeof localClient>;
let targets: ReplayTargets;

beforeAll(() => {
  endpoint = process.env.DYNAMODB_ENDPOINT ?? '';
  streams = new DynamoDBStreamsClient(clientSettings(endpoint));
  tables = localClient(endpoint);
});
afterAll(() => {
  streams.destroy();
  tables.destroy();
});
beforeEach(async () => {
  db = await freshTable();
  targets = { streams, db: (tableName) => (tableName === db.tableName ? db : createDb({ tableName, endpoint })) };
});

const newToken = () => newUsableToken(db);

const use = (keyHash: string, ip: string) =>
  recordUse(db, {
    keyHash,
    at: new Date(),
    requestId: randomUUID(),
    ip,
    route: 'GET /v1/{module}',
    requirement: { module: 'cases', access: 'read' },
  });

interface StreamRecords {
  arn: string;
  shardId: string;
  records: StreamsRecord[];
}

/** The table's stream so far: its one shard (DynamoDB Local's stream of a new table has one). */
const readStreamOnce = async (): Promise<StreamRecords> => {
  const arn = await latestStreamArn(tables, db.tableName);
  const [shard] = await listShards({ client: streams, arn });
  if (!shard) throw new Error('the stream has no shard');
  return { arn, shardId: shard.id, records: await readShard({ client: streams, arn }, shard.id) };
};

/** The stream once two reads in a row agree: on a busy machine the newest writes can reach it a moment late. */
const readStream = async (): Promise<StreamRecords> => {
  let last = await readStreamOnce();
  for (let attempt = 0; attempt < 20; attempt++) {
    await sleep(100);
    const next = await readStreamOnce();
    if (next.records.length === last.records.length) return next;
    last = next;
  }
  return last;
};

const seq = (record: StreamsRecord | undefined): string => record?.dynamodb?.SequenceNumber ?? '';
const isUseOf = (keyHash: string) => (record: StreamsRecord) =>
  keys.isUseEvent(record.dynamodb?.Keys?.PK?.S ?? '') && record.dynamodb?.NewImage?.keyHash?.S === keyHash;

/** The on-failure destination's record of a discarded batch: the range from `first` to `last` of the stream. */
const failureRecord = ({ arn, shardId }: StreamRecords, first: StreamsRecord, last: StreamsRecord, size: number) =>
  JSON.stringify({
    requestContext: {
      requestId: randomUUID(),
      functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:api-tokens-local-aggregateUsage',
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: 6,
    },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    version: '1.0',
    timestamp: new Date().toISOString(),
    DDBStreamBatchInfo: {
      shardId,
      startSequenceNumber: seq(first),
      endSequenceNumber: seq(last),
      approximateArrivalOfFirstRecord: new Date().toISOString(),
      approximateArrivalOfLastRecord: new Date().toISOString(),
      batchSize: size,
      streamArn: arn,
    },
  });

/** A message naming the range of the stream's use events of `keyHash`, from its first to its last. */
const messageFor = (stream: StreamRecords, keyHash: string, id: string = randomUUID()): FailureMessage => {
  const events = stream.records.filter(isUseOf(keyHash));
  const [first, last] = [events[0], events.at(-1)];
  if (!first || !last) throw new Error('no use event of this key in the stream');
  const size = stream.records.indexOf(last) - stream.records.indexOf(first) + 1;
  return { id, body: failureRecord(stream, first, last, size) };
};

const requestsOf = async (token: { userId: string; id: string }) =>
  valueOf(await getUsage(db, token.userId, token.id, new Date())).requests.day;

describe('replaying the usage failure queue', () => {
  it('re-drives a discarded range through the consumer and counts it once', async () => {
    const token = await newToken();
    for (const ip of ['127.0.0.2', '127.0.0.3', '127.0.0.2']) await use(token.keyHash, ip);
    const [replay] = await replayFailures([messageFor(await readStream(), token.keyHash)], targets);
    expect(replay?.outcome).toEqual({ kind: 'replayed', records: 3, useEvents: 3, alreadyCounted: 0 });
    const usage = valueOf(await getUsage(db, token.userId, token.id, new Date()));
    expect(usage.requests.day).toBe(3);
    expect(usage.ips.map(({ ip, requests }) => [ip, requests])).toEqual([
      ['127.0.0.2', 2],
      ['127.0.0.3', 1],
    ]);
  });

  it('counts nothing twice when the same message is replayed again', async () => {
    const token = await newToken();
    for (let i = 0; i < 4; i++) await use(token.keyHash, '127.0.0.2');
    const message = messageFor(await readStream(), token.keyHash);
    await replayFailures([message], targets);
    const before = await readUsageItems(db, token.id);
    const [again] = await replayFailures([message, { ...message, id: 'delivered-twice' }], targets);
    expect(again?.outcome).toEqual({ kind: 'replayed', records: 4, useEvents: 4, alreadyCounted: 4 });
    expect(await readUsageItems(db, token.id)).toEqual(before);
    expect(await requestsOf(token)).toBe(4);
  });

  it('counts nothing twice in a range the consumer had already counted', async () => {
    const token = await newToken();
    for (let i = 0; i < 3; i++) await use(token.keyHash, '127.0.0.2');
    const stream = await readStream();
    expect(
      await consumeUseEvents(
        db,
        stream.records.map((r) => toChange(toLambdaRecord(r, stream.arn))),
      ),
    ).toEqual([]);
    const before = await readUsageItems(db, token.id);
    const [replay] = await replayFailures([messageFor(stream, token.keyHash)], targets);
    expect(replay?.outcome).toMatchObject({ kind: 'replayed', useEvents: 3, alreadyCounted: 3 });
    expect(await readUsageItems(db, token.id)).toEqual(before);
    expect(await requestsOf(token)).toBe(3);
  });

  it('replays the oldest range first, so that a later range does not hide an earlier one of the same token', async () => {
    const token = await newToken();
    const other = await newToken();
    await use(token.keyHash, '127.0.0.2');
    await use(other.keyHash, '127.0.0.9');
    await use(token.keyHash, '127.0.0.2');
    const early = messageFor(await readStream(), token.keyHash, 'early');
    for (let i = 0; i < 3; i++) await use(token.keyHash, '127.0.0.3');
    const stream = await readStream();
    const lateEvents = stream.records.filter(isUseOf(token.keyHash)).slice(2);
    const late = {
      id: 'late',
      body: failureRecord(stream, lateEvents[0] as StreamsRecord, lateEvents[2] as StreamsRecord, 3),
    };
    const replays = await replayFailures([late, early], targets);
    expect(replays.map((r) => r.message.id)).toEqual(['early', 'late']);
    expect(replays.map((r) => r.outcome.kind)).toEqual(['replayed', 'replayed']);
    expect(await requestsOf(token)).toBe(5);
    // The early range held the other token's use too.
    expect(await requestsOf(other)).toBe(1);
  });

  it('counts a discarded range of a token whose later uses were counted since, and only once', async () => {
    const token = await newToken();
    for (let i = 0; i < 2; i++) await use(token.keyHash, '127.0.0.2');
    const discarded = messageFor(await readStream(), token.keyHash);
    await use(token.keyHash, '127.0.0.3');
    const stream = await readStream();
    // The stream moved on after the discarded batch: the next use is counted and moves the watermark past it.
    const [later] = stream.records.filter(isUseOf(token.keyHash)).slice(2);
    expect(await consumeUseEvents(db, [toChange(toLambdaRecord(later as StreamsRecord, stream.arn))])).toEqual([]);
    expect(await requestsOf(token)).toBe(1);
    const [replay] = await replayFailures([discarded], targets);
    expect(replay?.outcome).toEqual({ kind: 'replayed', records: 2, useEvents: 2, alreadyCounted: 0 });
    expect(await requestsOf(token)).toBe(3);
    const [again] = await replayFailures([discarded], targets);
    expect(again?.outcome).toEqual({ kind: 'replayed', records: 2, useEvents: 2, alreadyCounted: 2 });
    expect(await requestsOf(token)).toBe(3);
  });

  it('counts only the uncounted tokens of a partly saved range, after both tokens were used again', async () => {
    const saved = await newToken();
    const lost = await newToken();
    for (const keyHash of [saved.keyHash, lost.keyHash, saved.keyHash, lost.keyHash]) await use(keyHash, '127.0.0.2');
    const first = await readStream();
    const range = first.records.filter((r) => isUseOf(saved.keyHash)(r) || isUseOf(lost.keyHash)(r));
    const discarded = {
      id: 'partly-saved',
      body: failureRecord(first, range[0] as StreamsRecord, range.at(-1) as StreamsRecord, range.length),
    };
    // In the discarded batch, one token's writes went through before the batch failed.
    const changes = range.map((r) => toChange(toLambdaRecord(r, first.arn)));
    expect(
      await consumeUseEvents(
        db,
        changes.filter((_, i) => i % 2 === 0),
      ),
    ).toEqual([]);
    for (const keyHash of [saved.keyHash, lost.keyHash]) await use(keyHash, '127.0.0.3');
    const next = await readStream();
    const after = next.records.slice(first.records.length).map((r) => toChange(toLambdaRecord(r, next.arn)));
    expect(await consumeUseEvents(db, after)).toEqual([]);
    expect([await requestsOf(saved), await requestsOf(lost)]).toEqual([3, 1]);

    const [replay] = await replayFailures([discarded], targets);
    expect(replay?.outcome).toEqual({ kind: 'replayed', records: 4, useEvents: 4, alreadyCounted: 2 });
    expect([await requestsOf(saved), await requestsOf(lost)]).toEqual([3, 3]);
  });

  it('keeps a message whose range the consumer still cannot save, naming the record that failed', async () => {
    const token = await newToken();
    await db.client.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...keys.usageDay(token.id, new Date().toISOString().slice(0, 10)), requests: 'many' },
      }),
    );
    for (let i = 0; i < 2; i++) await use(token.keyHash, '127.0.0.2');
    const stream = await readStream();
    const [replay] = await replayFailures([messageFor(stream, token.keyHash)], targets);
    expect(replay?.outcome).toEqual({
      kind: 'failed',
      why: expect.stringContaining(seq(stream.records.find(isUseOf(token.keyHash)))),
    });
  });

  it('reports a range of a stream that no longer exists, and counts nothing', async () => {
    const token = await newToken();
    await use(token.keyHash, '127.0.0.2');
    const stream = await readStream();
    // A table deleted and created again has a stream of a new label: the old one is gone.
    const gone = { ...stream, arn: stream.arn.replace(/\/stream\/.*$/, '/stream/2000-01-01T00:00:00.000') };
    const [replay] = await replayFailures([{ ...messageFor(gone, token.keyHash) }], targets);
    expect(replay?.outcome).toEqual({ kind: 'gone', why: expect.stringContaining('no longer exists') });
    expect(await requestsOf(token)).toBe(0);
  });

  it('reports a range whose first record is no longer in the shard, and counts nothing', async () => {
    const token = await newToken();
    for (let i = 0; i < 2; i++) await use(token.keyHash, '127.0.0.2');
    const stream = await readStream();
    const message = messageFor(stream, token.keyHash);
    const first = seq(stream.records.find(isUseOf(token.keyHash)));
    // Older than the shard's oldest record, as a range past the stream's 24 hours is.
    const before = '0'.padStart(first.length, '0');
    const [replay] = await replayFailures([{ ...message, body: message.body.replace(first, before) }], targets);
    expect(replay?.outcome).toEqual({ kind: 'gone', why: expect.stringContaining(`does not hold record ${before}`) });
    expect(await requestsOf(token)).toBe(0);
  });

  it('keeps a message whose table is gone, saying why', async () => {
    const token = await newToken();
    await use(token.keyHash, '127.0.0.2');
    const message = messageFor(await readStream(), token.keyHash);
    await tables.send(new DeleteTableCommand({ TableName: db.tableName }));
    const [replay] = await replayFailures([message], targets);
    expect(replay?.outcome).toEqual({ kind: 'failed', why: expect.stringContaining('non-existent table') });
  });

  it('reports a message that is not a stream failure record without touching the table', async () => {
    const replays = await replayFailures(
      [
        { id: 'text', body: 'hello' },
        { id: 'other', body: JSON.stringify({ requestContext: {}, DDBStreamBatchInfo: { shardId: 'x' } }) },
      ],
      targets,
    );
    expect(replays.map((r) => [r.message.id, r.outcome.kind])).toEqual([
      ['text', 'unreadable'],
      ['other', 'unreadable'],
    ]);
    expect(replays[1]?.outcome).toMatchObject({ why: expect.stringContaining('startSequenceNumber') });
  });
});
