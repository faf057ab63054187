import {
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  ResourceNotFoundException,
  TrimmedDataAccessException,
  type _Record as StreamsRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { setTimeout as sleep } from 'node:timers/promises';
import { clientSettings } from '../../lib/storage/dynamodb';
import { localClient } from '../dynamodb-local';
import type { StreamEventSettings } from '../service-definition';
import { settle, type Batch, type Delivery } from './batch-failures';
import { passesFilters } from './filter';
import { toLambdaRecord } from './records';
import { latestStreamArn, listShards, readPage, shardIterator, type StreamSource } from './shard-reader';

// `npm start`'s stand-in for Lambda's DynamoDB event source mapping, which serverless-offline lacks:
// reads every shard of a table's stream from TRIM_HORIZON, in order, parents before children, and
// hands each batch to `deliver` in the event shape Lambda uses, with the settings of serverless.yml's
// stream event (batch size, filters, ReportBatchItemFailures, bisecting, retries). Records given up on
// go to the "on-failure destination": here a log line naming their sequence numbers.

export interface EventSourceMappingOptions {
  endpoint: string;
  tableName: string;
  settings: StreamEventSettings;
  /** Runs the function with one batch; its answer is read as Lambda reads it, a rejection is a function error. */
  deliver: (event: DynamoDBStreamEvent) => Promise<unknown>;
  /** Pause between polls of a shard that had nothing more to read, and before a retry (ms). */
  intervalMs?: number;
  log?: (msg: string) => void;
}

export interface EventSourceMapping {
  /** GetRecords calls made so far. */
  readonly reads: number;
  /** Resolves once polling has ended: no call to DynamoDB or `deliver` follows. */
  stop: () => Promise<void>;
}

const DESCRIBE_EVERY_MS = 3_000;

interface Shard {
  id: string;
  parentId?: string;
  iterator?: string;
  /** Sequence number of the last record processed (delivered, filtered out or sent to the on-failure destination). */
  checkpoint?: string;
  /** Records read but not yet processed, as the batches they are delivered in. */
  pending: Batch<StreamsRecord>[];
  /** The last record read: the checkpoint once every pending batch is processed. */
  lastRead?: string;
  /** Closed and read to its end. */
  closed: boolean;
}

const sequenceNumber = (record: StreamsRecord | undefined): string => record?.dynamodb?.SequenceNumber ?? '';

/** Starts polling the table's stream; `stop()` ends it. */
export const startEventSourceMapping = (options: EventSourceMappingOptions): EventSourceMapping => {
  const { endpoint, tableName, settings, deliver } = options;
  const intervalMs = options.intervalMs ?? 500;
  const log = options.log ?? ((msg: string) => console.log(`[stream] ${msg}`));

  const tables = localClient(endpoint);
  const client = new DynamoDBStreamsClient(clientSettings(endpoint));
  const aborter = new AbortController();
  const signal = aborter.signal;

  let source: StreamSource | undefined;
  let shards = new Map<string, Shard>();
  let describedAt = 0;
  let reads = 0;

  const describe = async (): Promise<StreamSource> => {
    if (!source) {
      source = { client, arn: await latestStreamArn(tables, tableName, signal), signal };
      shards = new Map();
      log(`reading ${source.arn}`);
    }
    for (const { id, parentId } of await listShards(source)) {
      if (!shards.has(id)) shards.set(id, { id, ...(parentId && { parentId }), pending: [], closed: false });
    }
    describedAt = Date.now();
    return source;
  };

  const finished = (shard: Shard): boolean => shard.closed && shard.pending.length === 0;

  /** Reads the shard's next records into `pending`; true when there may be more to read right away. */
  const read = async (shard: Shard, stream: StreamSource): Promise<boolean> => {
    shard.iterator ??= await shardIterator(
      stream,
      shard.id,
      shard.checkpoint ? { after: shard.checkpoint } : 'TRIM_HORIZON',
    );
    if (shard.iterator === undefined) {
      shard.closed = true;
      return false;
    }
    let page;
    try {
      reads++;
      page = await readPage(stream, shard.iterator, settings.batchSize);
    } catch (error) {
      if (error instanceof ExpiredIteratorException) {
        shard.iterator = undefined; // the next poll resumes after the checkpoint
        return true;
      }
      if (error instanceof TrimmedDataAccessException) {
        log(`shard ${shard.id}: records after ${shard.checkpoint} were trimmed; resuming at TRIM_HORIZON`);
        shard.checkpoint = shard.iterator = undefined;
        return true;
      }
      throw error;
    }
    shard.iterator = page.next;
    shard.closed = page.next === undefined;
    if (page.records.length === 0) return false;
    const wanted = page.records.filter((record) =>
      passesFilters(settings.filterPatterns, toLambdaRecord(record, stream.arn)),
    );
    shard.lastRead = sequenceNumber(page.records.at(-1));
    if (wanted.length > 0) shard.pending.push({ records: wanted, retries: 0 });
    else shard.checkpoint = shard.lastRead;
    return page.records.length >= settings.batchSize;
  };

  /** Delivers the shard's next batch; 'retry' when it failed and is to be delivered again after a pause. */
  const deliverNext = async (shard: Shard, batch: Batch<StreamsRecord>, arn: string): Promise<'retry' | 'done'> => {
    let delivery: Delivery;
    try {
      delivery = { response: await deliver({ Records: batch.records.map((record) => toLambdaRecord(record, arn)) }) };
    } catch (error) {
      log(`shard ${shard.id}: delivery of ${batch.records.length} record(s) failed: ${String(error)}`);
      delivery = { error };
    }
    if (signal.aborted) return 'done';

    const { processed, discarded, next } = settle(batch, delivery, settings, sequenceNumber);
    shard.pending.splice(0, 1, ...next);
    if (processed.length > 0) shard.checkpoint = sequenceNumber(processed.at(-1));
    // Records filtered out after the last delivered one are processed too.
    if (shard.pending.length === 0) shard.checkpoint = shard.lastRead;
    if (discarded.length > 0) {
      log(
        `shard ${shard.id}: retries exhausted; sending ${discarded.length} record(s) to the on-failure destination ` +
          `and skipping them: ${discarded.map(sequenceNumber).join(', ')}`,
      );
    }
    const [first, second] = next;
    if (first && second) {
      log(`shard ${shard.id}: function error; bisecting into ${first.records.length} and ${second.records.length}`);
    } else if (first) {
      const from = sequenceNumber(first.records[0]);
      log(`shard ${shard.id}: retry ${first.retries} of ${settings.maximumRetryAttempts} from ${from}`);
      return 'retry';
    }
    return 'done';
  };

  /** A shard is read after its parent, unless the parent is gone from the stream. */
  const ready = (shard: Shard): boolean => {
    const parent = shard.parentId === undefined ? undefined : shards.get(shard.parentId);
    return !finished(shard) && (parent === undefined || finished(parent));
  };

  /** Reads the shard if nothing is pending, then delivers its next batch; true when there is more to do right away. */
  const poll = async (shard: Shard, stream: StreamSource): Promise<boolean> => {
    const more = shard.pending.length === 0 && (await read(shard, stream));
    const batch = shard.pending[0];
    if (!batch) return more;
    if ((await deliverNext(shard, batch, stream.arn)) === 'retry') return false;
    return more || shard.pending.length > 0;
  };

  const run = async (): Promise<void> => {
    while (!signal.aborted) {
      let more = false;
      try {
        const stream = !source || Date.now() - describedAt >= DESCRIBE_EVERY_MS ? await describe() : source;
        for (const shard of shards.values()) {
          if (signal.aborted) break;
          if (ready(shard)) more = (await poll(shard, stream)) || more;
        }
      } catch (error) {
        if (signal.aborted) break;
        if (error instanceof ResourceNotFoundException) source = undefined; // the table was re-created
        log(`polling ${tableName} failed: ${String(error)}`);
      }
      if (!more) await sleep(intervalMs, undefined, { signal }).catch(() => undefined);
    }
  };

  const running = run();
  return {
    get reads() {
      return reads;
    },
    stop: async () => {
      aborter.abort();
      await running;
      tables.destroy();
      client.destroy();
    },
  };
};
