import { DeleteItemCommand, DescribeTableCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureTable } from '../../../../local/table';
import { localClient } from '../../../../local/dynamodb-local';
import { streamEventSettings, type StreamEventSettings } from '../../../../local/service-definition';
import { startEventSourceMapping, type EventSourceMapping } from '../../../../local/stream/event-source-mapping';
import { passesFilters } from '../../../../local/stream/filter';
import { toLambdaRecord } from '../../../../local/stream/records';

// The stream consumer of `npm start`, against tables of its own on the DynamoDB Local of the global
// setup, with an in-test `deliver` in place of serverless-offline's Lambda API.

const WAIT_MS = 30_000;
const INTERVAL_MS = 100;
jest.setTimeout(2 * WAIT_MS);

let endpoint: string;
let client: ReturnType<typeof localClient>;
const pollers: EventSourceMapping[] = [];
// The mapping's own behaviour, on every record: serverless.yml's filters would hide these tables' items.
const SETTINGS: StreamEventSettings = {
  batchSize: 100,
  maximumRetryAttempts: 3,
  bisectBatchOnFunctionError: false,
  reportBatchItemFailures: true,
  filterPatterns: [],
};

beforeAll(() => {
  const value = process.env.DYNAMODB_ENDPOINT;
  if (!value) throw new Error('DYNAMODB_ENDPOINT is not set: the jest global setup starts DynamoDB Local');
  endpoint = value;
  client = localClient(endpoint);
});

afterEach(async () => {
  await Promise.all(pollers.splice(0).map((poller) => poller.stop()));
});

afterAll(() => client?.destroy());

const PK = 'STREAM#poller';
const newTable = async (): Promise<{ tableName: string; streamArn: string }> => {
  const tableName = `test-stream-poller-${randomUUID()}`;
  await ensureTable(client, tableName);
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  if (!Table?.LatestStreamArn) throw new Error(`table ${tableName} has no stream`);
  return { tableName, streamArn: Table.LatestStreamArn };
};

const put = (tableName: string, sk: string) =>
  client.send(new PutItemCommand({ TableName: tableName, Item: { PK: { S: PK }, SK: { S: sk } } }));

const sk = (record: DynamoDBRecord | undefined): string | undefined => record?.dynamodb?.Keys?.SK?.S;
const seq = (record: DynamoDBRecord | undefined): string => record?.dynamodb?.SequenceNumber ?? '';

/** Starts a poller that records every batch it delivers and every line it logs. */
const poll = (
  tableName: string,
  answer: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>,
  settings: Partial<StreamEventSettings> = {},
) => {
  const batches: DynamoDBRecord[][] = [];
  const logs: string[] = [];
  const poller = startEventSourceMapping({
    endpoint,
    tableName,
    intervalMs: INTERVAL_MS,
    settings: { ...SETTINGS, ...settings },
    log: (msg) => logs.push(msg),
    deliver: (event) => {
      batches.push(event.Records);
      return answer(event);
    },
  });
  pollers.push(poller);
  const delivered = () => batches.flat().map(sk);
  return { poller, batches, logs, delivered };
};

const ok = async (): Promise<DynamoDBBatchResponse> => ({ batchItemFailures: [] });

/** Waits, at most WAIT_MS, until `done` holds. */
const waitFor = async (what: string, done: () => boolean): Promise<void> => {
  const deadline = Date.now() + WAIT_MS;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(50);
  }
};

const count = (values: (string | undefined)[], value: string) => values.filter((v) => v === value).length;

describe('the local DynamoDB stream poller', () => {
  it('delivers the records of the table in order, in the shape of a Lambda DynamoDBStreamEvent', async () => {
    const { tableName, streamArn } = await newTable();
    const { delivered, batches } = poll(tableName, ok);
    const bytes = Buffer.from([0, 1, 2, 250]);
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          PK: { S: PK },
          SK: { S: '1' },
          count: { N: '7' },
          data: { B: bytes },
          blobs: { BS: [bytes] },
          tags: { SS: ['a'] },
          nested: { M: { list: { L: [{ B: bytes }, { BOOL: true }, { NULL: true }] } } },
        },
      }),
    );
    await put(tableName, '2');
    await client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { PK: { S: PK }, SK: { S: '1' } },
        UpdateExpression: 'SET #count = :count',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':count': { N: '8' } },
      }),
    );
    await client.send(new DeleteItemCommand({ TableName: tableName, Key: { PK: { S: PK }, SK: { S: '2' } } }));

    await waitFor('four records', () => delivered().length >= 4);

    const records = batches.flat();
    expect(records.map((record) => [record.eventName, sk(record)])).toEqual([
      ['INSERT', '1'],
      ['INSERT', '2'],
      ['MODIFY', '1'],
      ['REMOVE', '2'],
    ]);
    const sequenceNumbers = records.map((record) => BigInt(seq(record)));
    expect(sequenceNumbers).toEqual([...sequenceNumbers].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const base64 = bytes.toString('base64');
    const envelope = {
      eventID: expect.any(String),
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      eventSourceARN: streamArn,
    };
    const streamRecord = {
      ApproximateCreationDateTime: expect.any(Number),
      Keys: { PK: { S: PK }, SK: { S: '1' } },
      SequenceNumber: expect.stringMatching(/^\d+$/),
      SizeBytes: expect.any(Number),
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    };
    const image = {
      PK: { S: PK },
      SK: { S: '1' },
      count: { N: '7' },
      data: { B: base64 },
      blobs: { BS: [base64] },
      tags: { SS: ['a'] },
      nested: { M: { list: { L: [{ B: base64 }, { BOOL: true }, { NULL: true }] } } },
    };
    expect(records[0]).toStrictEqual({
      ...envelope,
      eventName: 'INSERT',
      dynamodb: { ...streamRecord, NewImage: image },
    });
    expect(records[2]).toStrictEqual({
      ...envelope,
      eventName: 'MODIFY',
      dynamodb: { ...streamRecord, OldImage: image, NewImage: { ...image, count: { N: '8' } } },
    });
    expect(records[3]).toStrictEqual({
      ...envelope,
      eventName: 'REMOVE',
      dynamodb: {
        ...streamRecord,
        Keys: { PK: { S: PK }, SK: { S: '2' } },
        OldImage: { PK: { S: PK }, SK: { S: '2' } },
      },
    });
    // Exactly what Lambda would send over the wire: plain JSON, epoch seconds, no Dates or byte arrays.
    expect(JSON.parse(JSON.stringify(records))).toStrictEqual(records);
    expect(records[0]?.dynamodb?.ApproximateCreationDateTime).toBe(
      Math.floor(records[0]?.dynamodb?.ApproximateCreationDateTime ?? NaN),
    );
  });

  it("names the identity of a TTL deletion with Lambda's lower-case keys", () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    const record = toLambdaRecord(
      {
        eventID: 'e1',
        eventName: 'REMOVE',
        dynamodb: {
          ApproximateCreationDateTime: at,
          Keys: { PK: { S: 'P' } },
          OldImage: { PK: { S: 'P' }, ttl: { N: '1' } },
          SequenceNumber: '100',
          SizeBytes: 12,
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
        userIdentity: { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' },
      },
      'arn:stream',
    );

    expect(record).toStrictEqual({
      eventID: 'e1',
      eventName: 'REMOVE',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      eventSourceARN: 'arn:stream',
      dynamodb: {
        ApproximateCreationDateTime: Math.floor(at.getTime() / 1000),
        Keys: { PK: { S: 'P' } },
        OldImage: { PK: { S: 'P' }, ttl: { N: '1' } },
        SequenceNumber: '100',
        SizeBytes: 12,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
    });
  });

  it('re-delivers from exactly the lowest reported failure, and not the records before it', async () => {
    const { tableName } = await newTable();
    for (const key of ['1', '2', '3', '4', '5']) await put(tableName, key);
    let failed: DynamoDBRecord[] | undefined;
    const { batches, delivered } = poll(tableName, async ({ Records }) => {
      const third = Records.find((record) => sk(record) === '3');
      const fourth = Records.find((record) => sk(record) === '4');
      if (failed || !third || !fourth) return { batchItemFailures: [] };
      failed = Records;
      return { batchItemFailures: [{ itemIdentifier: seq(fourth) }, { itemIdentifier: seq(third) }] };
    });

    await waitFor('the records after the failure', () => failed !== undefined && count(delivered(), '5') === 2);

    const failedAt = batches.indexOf(failed ?? []);
    expect(sk(batches[failedAt + 1]?.[0])).toBe('3');
    expect(
      batches
        .slice(failedAt + 1)
        .flat()
        .map(sk),
    ).toEqual(['3', '4', '5']);
    expect(count(delivered(), '1')).toBe(1);
    expect(count(delivered(), '2')).toBe(1);
    expect(count(delivered(), '3')).toBe(2);
  });

  it('after maxRetries, sends the failing record to the on-failure destination and moves on', async () => {
    const { tableName } = await newTable();
    await put(tableName, 'A');
    await put(tableName, 'B');
    const { batches, delivered, logs } = poll(
      tableName,
      async ({ Records }) => ({
        batchItemFailures: Records.filter((record) => sk(record) === 'B').map((record) => ({
          itemIdentifier: seq(record),
        })),
      }),
      { maximumRetryAttempts: 2 },
    );

    await waitFor('the on-failure destination', () => logs.some((line) => line.includes('on-failure')));
    await put(tableName, 'C');
    await put(tableName, 'D');
    await waitFor('the later records', () => delivered().includes('D'));

    const b = batches.flat().find((record) => sk(record) === 'B');
    expect(logs.find((line) => line.includes('on-failure'))).toContain(seq(b));
    expect(count(delivered(), 'A')).toBe(1);
    expect(count(delivered(), 'B')).toBe(3); // the first delivery and two retries
    expect(count(delivered(), 'C')).toBe(1);
    expect(count(delivered(), 'D')).toBe(1);
    const retries = batches.filter((batch) => batch.some((record) => sk(record) === 'B')).slice(1);
    expect(retries.map((batch) => sk(batch[0]))).toEqual(['B', 'B']);
  });

  it('with bisecting on, splits a batch whose delivery throws until the failing record is alone, then retries it', async () => {
    const { tableName } = await newTable();
    for (const key of ['1', '2', '3', '4', '5']) await put(tableName, key);
    const { batches, logs } = poll(
      tableName,
      async ({ Records }) => {
        if (Records.some((record) => sk(record) === '3')) throw new Error('handler crashed');
        return { batchItemFailures: [] };
      },
      { bisectBatchOnFunctionError: true, maximumRetryAttempts: 1 },
    );

    await waitFor('the records after the failing one', () => batches.some((batch) => sk(batch[0]) === '4'));

    // Splitting uses up no retry: the lone record is delivered once and retried once.
    expect(batches.map((batch) => batch.map(sk))).toEqual([
      ['1', '2', '3', '4', '5'],
      ['1', '2', '3'],
      ['1', '2'],
      ['3'],
      ['3'],
      ['4', '5'],
    ]);
    const three = batches.flat().find((record) => sk(record) === '3');
    expect(logs.find((line) => line.includes('on-failure'))).toContain(seq(three));
  });

  it("delivers only the records serverless.yml's filter patterns accept: new use events", () => {
    const { filterPatterns } = streamEventSettings('aggregateUsage');
    const record = (eventName: string, pk: string) => ({ eventName, dynamodb: { Keys: { PK: { S: pk } } } });

    expect(passesFilters(filterPatterns, record('INSERT', 'USE#abc'))).toBe(true);
    expect(passesFilters(filterPatterns, record('REMOVE', 'USE#abc'))).toBe(false);
    expect(passesFilters(filterPatterns, record('MODIFY', 'USE#abc'))).toBe(false);
    expect(passesFilters(filterPatterns, record('INSERT', 'KEY#abc'))).toBe(false);
    expect(passesFilters(filterPatterns, record('INSERT', 'USAGE#abc'))).toBe(false);
  });

  it('counts a delivery that throws as a failure of the whole batch, with the same bound', async () => {
    const { tableName } = await newTable();
    await put(tableName, 'X');
    const { batches, delivered, logs } = poll(
      tableName,
      async ({ Records }) => {
        if (Records.some((record) => sk(record) === 'X')) throw new Error('handler crashed');
        return { batchItemFailures: [] };
      },
      { maximumRetryAttempts: 1 },
    );

    await waitFor('the on-failure destination', () => logs.some((line) => line.includes('on-failure')));
    await put(tableName, 'Y');
    await waitFor('the later record', () => delivered().includes('Y'));

    expect(batches.map((batch) => batch.map(sk))).toEqual([['X'], ['X'], ['Y']]);
    expect(logs.some((line) => line.includes('handler crashed'))).toBe(true);
  });

  it('stops polling on stop()', async () => {
    const { tableName } = await newTable();
    await put(tableName, '1');
    let deliveryStarted = (): void => undefined;
    const inFlight = new Promise<void>((resolve) => (deliveryStarted = resolve));
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const { poller, delivered } = poll(tableName, async () => {
      deliveryStarted();
      await released;
      return ok();
    });
    await inFlight;

    // stop() resolves only once polling has ended, so whatever the poller does after it is counted here.
    const stopped = poller.stop();
    const readsAtStop = poller.reads;
    await put(tableName, '2');
    release();
    await stopped;

    expect(delivered()).toEqual(['1']);
    expect(poller.reads).toBe(readsAtStop);
  });

  it('leaves nothing that keeps the process alive after stop()', async () => {
    const { tableName } = await newTable();
    await put(tableName, '1');
    // A process of its own: it can only exit by itself if stop() left no timer or socket behind.
    const script = `
      import { startEventSourceMapping } from './local/stream/event-source-mapping';
      const poller = startEventSourceMapping({
        endpoint: ${JSON.stringify(endpoint)},
        tableName: ${JSON.stringify(tableName)},
        settings: ${JSON.stringify(SETTINGS)},
        intervalMs: ${INTERVAL_MS},
        log: () => undefined,
        deliver: async (event) => {
          console.log('delivered', event.Records.length);
          void poller.stop().then(() => console.log('stopped'));
          return { batchItemFailures: [] };
        },
      });
    `;
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const code = await Promise.race([exited, sleep(WAIT_MS, 'still running', { ref: false })]);
    if (code === 'still running') child.kill('SIGKILL');

    // stderr (the SDK warns about Node 20 there) is only shown if the child failed.
    expect({ code, output: output.trim(), errors: code === 0 ? '' : errors }).toEqual({
      code: 0,
      output: 'delivered 1\nstopped',
      errors: '',
    });
  });
});
