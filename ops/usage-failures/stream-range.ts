import {
  DynamoDBStreamsServiceException,
  ResourceNotFoundException,
  TrimmedDataAccessException,
  type _Record as StreamsRecord,
} from '@aws-sdk/client-dynamodb-streams';
import { MAX_PAGE, readPage, shardIterator, type StreamSource } from '../../local/stream/shard-reader';
import type { StreamBatchInfo } from './failure-record';

/** The records of a range, or why the stream no longer has them. */
export type RangeRead = { ok: true; records: StreamsRecord[] } | { ok: false; why: string };

/** Empty pages in a row after which an open shard is taken to hold nothing more. */
const EMPTY_PAGES = 3;

const seqOf = (record: StreamsRecord): bigint => BigInt(record.dynamodb?.SequenceNumber ?? '0');

/** Why the stream cannot give the range, for the errors that mean it no longer holds it; undefined for faults. */
const goneBecause = (error: unknown, batch: StreamBatchInfo): string | undefined => {
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof TrimmedDataAccessException) return `past the stream's 24 hours (trimmed): ${detail}`;
  if (error instanceof ResourceNotFoundException) return `the stream or its shard no longer exists: ${detail}`;
  // What an iterator at a sequence number the shard does not hold (any longer) is refused with.
  if (error instanceof DynamoDBStreamsServiceException && error.name === 'ValidationException') {
    return `shard ${batch.shardId} does not hold record ${batch.startSequenceNumber}: ${detail}`;
  }
  return undefined;
};

/**
 * Every record of the shard from `startSequenceNumber` to `endSequenceNumber`, both included, read
 * with the Streams API (AT_SEQUENCE_NUMBER); a range whose first or last record the stream no longer
 * holds (past its 24 hours, or the stream or shard gone) is answered with why, never partly.
 */
export const readRange = async (source: StreamSource, batch: StreamBatchInfo): Promise<RangeRead> => {
  const end = BigInt(batch.endSequenceNumber);
  const records: StreamsRecord[] = [];
  try {
    let iterator = await shardIterator(source, batch.shardId, { at: batch.startSequenceNumber });
    let empty = 0;
    let reachedEnd = false;
    while (iterator && !reachedEnd && empty < EMPTY_PAGES) {
      const page = await readPage(source, iterator, MAX_PAGE);
      empty = page.records.length === 0 ? empty + 1 : 0;
      records.push(...page.records.filter((record) => seqOf(record) <= end));
      reachedEnd = page.records.some((record) => seqOf(record) >= end);
      iterator = page.next;
    }
  } catch (error) {
    const why = goneBecause(error, batch);
    if (why === undefined) throw error;
    return { ok: false, why };
  }
  const [first, last] = [records[0], records.at(-1)];
  if (first === undefined || seqOf(first) !== BigInt(batch.startSequenceNumber)) {
    return { ok: false, why: `the stream no longer holds record ${batch.startSequenceNumber}` };
  }
  if (last === undefined || seqOf(last) !== end) {
    return { ok: false, why: `the stream no longer holds record ${batch.endSequenceNumber}` };
  }
  return { ok: true, records };
};
