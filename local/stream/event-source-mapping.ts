import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ResourceNotFoundException,
  TrimmedDataAccessException,
  type AttributeValue as StreamsAttributeValue,
  type GetShardIteratorCommandInput,
  type _Record as StreamsRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { localClient } from '../dynamodb-local';

// `npm start`'s stand-in for a Lambda DynamoDB event source mapping (ReportBatchItemFailures on, no
// bisecting): reads every shard of a table's stream from TRIM_HORIZON, in order, and hands each batch
// to `deliver` in the exact event shape Lambda uses. A failed batch is retried from its lowest failed
// record up to `maxRetries` times; then, as Lambda does, the retried batch goes to the "on-failure
// destination" (here: a log line naming its sequence numbers) and the shard moves on past it.

export interface StreamPollerOptions {
  endpoint: string;
  tableName: string;
  deliver: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;
  /** Pause between polls of a shard that had nothing more to read (ms). */
  intervalMs?: number;
  /** GetRecords Limit, and so the largest batch delivered. */
  batchSize?: number;
  /** Retries of a batch that starts at the same sequence number, after its first failed delivery. */
  maxRetries?: number;
  log?: (msg: string) => void;
}

export interface StreamPoller {
  stop: () => Promise<void>;
}

const REGION = 'us-east-1';
const DESCRIBE_EVERY_MS = 3_000;

interface Shard {
  id: string;
  parentId?: string;
  iterator?: string;
  /** Sequence number of the last record delivered successfully (or sent to the on-failure destination). */
  checkpoint?: string;
  /** The sequence number the next delivery is a retry from, and how many retries from it were made. */
  retry?: { sequenceNumber: string; count: number };
  /** The shard is closed and fully read. */
  done: boolean;
}

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** The SDK decodes binary attributes to bytes; Lambda delivers them base64-encoded, like the wire JSON. */
const lambdaValue = (value: StreamsAttributeValue): AttributeValue => {
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.L !== undefined) return { L: value.L.map(lambdaValue) };
  if (value.M !== undefined) return { M: lambdaImage(value.M) };
  // S, N, SS, NS, BOOL and NULL have the same JSON in both.
  return value as AttributeValue;
};

const lambdaImage = (image: Record<string, StreamsAttributeValue>): Record<string, AttributeValue> =>
  Object.fromEntries(Object.entries(image).map(([name, value]) => [name, lambdaValue(value)]));

/** One record of the DynamoDB Streams API as Lambda puts it into a DynamoDBStreamEvent. */
export const toLambdaRecord = (record: StreamsRecord, streamArn: string): DynamoDBRecord => {
  const stream = record.dynamodb ?? {};
  const identity = record.userIdentity;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: REGION,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(stream.ApproximateCreationDateTime && {
        ApproximateCreationDateTime: Math.floor(stream.ApproximateCreationDateTime.getTime() / 1000),
      }),
      ...(stream.Keys && { Keys: lambdaImage(stream.Keys) }),
      ...(stream.NewImage && { NewImage: lambdaImage(stream.NewImage) }),
      ...(stream.OldImage && { OldImage: lambdaImage(stream.OldImage) }),
      SequenceNumber: stream.SequenceNumber,
      SizeBytes: stream.SizeBytes,
      StreamViewType: stream.StreamViewType,
    },
    ...(identity && { userIdentity: { type: identity.Type, principalId: identity.PrincipalId } }),
  };
};

/**
 * Invokes a function through serverless-offline's Lambda API (as the AWS SDK's Invoke would) and
 * returns its JSON result; an empty or null result counts as success, as Lambda does.
 * A new connection per call (agent: false), like scripts/offline-auth-provider.cjs.
 */
export const invokeLocalFunction = (
  lambdaPort: number | string,
  functionName: string,
  event: DynamoDBStreamEvent,
): Promise<DynamoDBBatchResponse> =>
  new Promise((resolve, reject) => {
    const body = JSON.stringify(event);
    const invocation = request(
      {
        host: '127.0.0.1',
        port: lambdaPort,
        method: 'POST',
        path: `/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`,
        agent: false,
        timeout: 60_000,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          const failure = response.headers['x-amz-function-error'] ?? response.headers['x-amzn-errortype'];
          if (response.statusCode !== 200 || failure) {
            reject(new Error(`${functionName} failed (${response.statusCode} ${failure ?? ''}): ${text}`));
            return;
          }
          try {
            resolve((text ? JSON.parse(text) : null) ?? { batchItemFailures: [] });
          } catch {
            reject(new Error(`${functionName} returned something other than JSON: ${text}`));
          }
        });
        response.on('error', reject);
      },
    );
    invocation.on('timeout', () => invocation.destroy(new Error(`${functionName} timed out`)));
    invocation.on('error', reject);
    invocation.end(body);
  });

/**
 * The index in `records` of the lowest failed record, as Lambda reads a ReportBatchItemFailures
 * response: none for an empty or missing list, and the whole batch (0) for an identifier that is
 * empty or not in the batch.
 */
const firstFailure = (response: unknown, records: StreamsRecord[]): number | undefined => {
  const failures = (response as Partial<DynamoDBBatchResponse> | null | undefined)?.batchItemFailures;
  if (!Array.isArray(failures) || failures.length === 0) return undefined;
  const indexes = failures.map((failure: Partial<DynamoDBBatchResponse['batchItemFailures'][number]> | null) =>
    records.findIndex(
      (record) => !!failure?.itemIdentifier && record.dynamodb?.SequenceNumber === failure.itemIdentifier,
    ),
  );
  return indexes.includes(-1) ? 0 : Math.min(...indexes);
};

export const startStreamPoller = (options: StreamPollerOptions): StreamPoller => {
  const { endpoint, tableName, deliver } = options;
  const intervalMs = options.intervalMs ?? 500;
  const batchSize = options.batchSize ?? 100;
  const maxRetries = options.maxRetries ?? 3;
  const log = options.log ?? ((msg: string) => console.log(`[stream-poller] ${msg}`));

  const tables = localClient(endpoint);
  const streams = new DynamoDBStreamsClient({
    endpoint,
    region: REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 5_000 },
  });
  const aborter = new AbortController();
  const signal = aborter.signal;
  const send = { abortSignal: signal };

  let streamArn: string | undefined;
  let shards = new Map<string, Shard>();
  let describedAt = 0;

  const describe = async (): Promise<void> => {
    if (!streamArn) {
      const { Table } = await tables.send(new DescribeTableCommand({ TableName: tableName }), send);
      if (!Table?.LatestStreamArn) throw new Error(`table ${tableName} has no stream`);
      streamArn = Table.LatestStreamArn;
      shards = new Map();
      log(`reading ${streamArn}`);
    }
    let exclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStartShardId }),
        send,
      );
      for (const { ShardId, ParentShardId } of StreamDescription?.Shards ?? []) {
        if (ShardId && !shards.has(ShardId)) shards.set(ShardId, { id: ShardId, parentId: ParentShardId, done: false });
      }
      exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    describedAt = Date.now();
  };

  const iterator = async (shard: Shard, input: Omit<GetShardIteratorCommandInput, 'StreamArn' | 'ShardId'>) => {
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.id, ...input }),
      send,
    );
    shard.iterator = ShardIterator;
  };

  /** Where the shard's next delivery starts: a pending retry, else after the checkpoint, else the start. */
  const resume = (shard: Shard) =>
    shard.retry
      ? iterator(shard, { ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: shard.retry.sequenceNumber })
      : shard.checkpoint
        ? iterator(shard, { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: shard.checkpoint })
        : iterator(shard, { ShardIteratorType: 'TRIM_HORIZON' });

  /** Reads and delivers one batch of the shard; true when there may be more to read right away. */
  const pollShard = async (shard: Shard, arn: string): Promise<boolean> => {
    if (shard.iterator === undefined) await resume(shard);
    let page;
    try {
      page = await streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: batchSize }), send);
    } catch (error) {
      if (error instanceof ExpiredIteratorException) {
        shard.iterator = undefined; // the next poll resumes after the checkpoint
        return true;
      }
      if (error instanceof TrimmedDataAccessException) {
        log(`shard ${shard.id}: records after ${shard.checkpoint} were trimmed; resuming at TRIM_HORIZON`);
        shard.retry = shard.checkpoint = shard.iterator = undefined;
        return true;
      }
      throw error;
    }
    const records = page.Records ?? [];
    const next = page.NextShardIterator;
    if (records.length === 0) {
      shard.iterator = next;
      shard.done = next === undefined;
      return false;
    }

    let failedAt: number | undefined;
    try {
      failedAt = firstFailure(
        await deliver({ Records: records.map((record) => toLambdaRecord(record, arn)) }),
        records,
      );
    } catch (error) {
      log(`shard ${shard.id}: delivery of ${records.length} record(s) failed: ${String(error)}`);
      failedAt = 0;
    }
    if (signal.aborted) return false;

    if (failedAt === undefined) {
      shard.checkpoint = records.at(-1)?.dynamodb?.SequenceNumber;
      shard.retry = undefined;
      shard.iterator = next;
      shard.done = next === undefined;
      return records.length >= batchSize;
    }

    const failedSequenceNumber = records[failedAt]?.dynamodb?.SequenceNumber ?? '';
    if (failedAt > 0) shard.checkpoint = records[failedAt - 1]?.dynamodb?.SequenceNumber;
    const retries = shard.retry?.sequenceNumber === failedSequenceNumber ? shard.retry.count : 0;
    if (retries < maxRetries) {
      shard.retry = { sequenceNumber: failedSequenceNumber, count: retries + 1 };
      shard.iterator = undefined; // the next poll re-reads the shard at the failed record
      log(`shard ${shard.id}: retry ${retries + 1} of ${maxRetries} from ${failedSequenceNumber}`);
      return false;
    }
    const discarded = records.slice(failedAt).map((record) => record.dynamodb?.SequenceNumber);
    log(
      `shard ${shard.id}: retries exhausted; sending ${discarded.length} record(s) to the on-failure destination ` +
        `and skipping them: ${discarded.join(', ')}`,
    );
    shard.checkpoint = records.at(-1)?.dynamodb?.SequenceNumber;
    shard.retry = undefined;
    shard.iterator = next;
    shard.done = next === undefined;
    return false;
  };

  /** A shard is read after its parent, unless the parent is gone from the stream. */
  const ready = (shard: Shard): boolean =>
    !shard.done && (shard.parentId === undefined || (shards.get(shard.parentId)?.done ?? true));

  const run = async (): Promise<void> => {
    while (!signal.aborted) {
      let more = false;
      try {
        if (!streamArn || Date.now() - describedAt >= DESCRIBE_EVERY_MS) await describe();
        const arn = streamArn;
        for (const shard of shards.values()) {
          if (signal.aborted || !arn) break;
          if (ready(shard)) more = (await pollShard(shard, arn)) || more;
        }
      } catch (error) {
        if (signal.aborted) break;
        if (error instanceof ResourceNotFoundException) streamArn = undefined; // the table was re-created
        log(`polling ${tableName} failed: ${String(error)}`);
      }
      if (!more) await sleep(intervalMs, undefined, { signal }).catch(() => undefined);
    }
  };

  const running = run();
  return {
    stop: async () => {
      aborter.abort();
      await running;
      tables.destroy();
      streams.destroy();
    },
  };
};
