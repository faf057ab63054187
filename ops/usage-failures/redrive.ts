import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { toChange } from '../../functions/aggregateUsage';
import type { Db } from '../../lib/storage/dynamodb';
import { consumeUseEvents, useEventOf, type StreamChange } from '../../lib/usage/consume';
import { isCounted } from '../../lib/usage/ledger';
import { findKeys, loadStates } from '../../lib/usage/store';
import type { UseEvent } from '../../lib/usage/types';
import { toLambdaRecord } from '../../local/stream/records';
import { parseFailureRecord, tableOfStream, type StreamBatchInfo } from './failure-record';
import { readRange } from './stream-range';

/** One message of the failure queue. */
export interface FailureMessage {
  id: string;
  body: string;
}

/** What became of one message: only a replayed one is done with; the others stay in the queue. */
export type ReplayOutcome =
  | {
      kind: 'replayed';
      /** Stream records in the range, use events among them, and how many of those were counted before the replay. */
      records: number;
      useEvents: number;
      alreadyCounted: number;
    }
  /** The consumer failed again, or the table could not be reached: the message is kept for another run. */
  | { kind: 'failed'; why: string }
  | { kind: 'gone'; why: string }
  | { kind: 'unreadable'; why: string };

export interface Replay {
  message: FailureMessage;
  batch?: StreamBatchInfo;
  outcome: ReplayOutcome;
}

export interface ReplayTargets {
  streams: DynamoDBStreamsClient;
  /** The client of the table a stream belongs to. */
  db: (tableName: string) => Db;
}

const startOf = (replay: { batch?: StreamBatchInfo }): bigint => BigInt(replay.batch?.startSequenceNumber ?? '0');

/** Use events their token's ledger holds: the consumer skips them as counted already. */
const countedBefore = async (db: Db, changes: readonly StreamChange[]): Promise<number> => {
  const events = changes.map(useEventOf).filter((event): event is UseEvent => Boolean(event));
  if (events.length === 0) return 0;
  const found = await findKeys(db, [...new Set(events.map((event) => event.keyHash))]);
  const states = await loadStates(db, [...new Set([...found.values()].map((key) => key.tokenId))]);
  return events.filter((event) => {
    const key = found.get(event.keyHash);
    const state = key === undefined ? undefined : states.get(key.tokenId);
    return state !== undefined && isCounted(state, event);
  }).length;
};

const redrive = async (batch: StreamBatchInfo, targets: ReplayTargets): Promise<ReplayOutcome> => {
  const range = await readRange({ client: targets.streams, arn: batch.streamArn }, batch);
  if (!range.ok) return { kind: 'gone', why: range.why };
  const db = targets.db(tableOfStream(batch.streamArn));
  const changes = range.records.map((record) => toChange(toLambdaRecord(record, batch.streamArn)));
  const alreadyCounted = await countedBefore(db, changes);
  const failed = await consumeUseEvents(db, changes);
  if (failed.length > 0) {
    return {
      kind: 'failed',
      why: `the consumer could not count the use events from ${failed.join(', ')} (see its log)`,
    };
  }
  return {
    kind: 'replayed',
    records: changes.length,
    useEvents: changes.filter((change) => useEventOf(change) !== null).length,
    alreadyCounted,
  };
};

/**
 * Re-drives the stream ranges the failure queue's messages name through the usage consumer, oldest
 * range first, as the stream would have delivered them. The consumer counts nothing twice: what a
 * token's ledger holds is skipped, and what the stream passed over (a gap below the watermark) is
 * counted now, even after the token's later uses were.
 *
 * @example
 * const replays = await replayFailures(messages, { streams, db: (tableName) => createDb({ tableName }) });
 * const done = replays.filter((replay) => replay.outcome.kind === 'replayed');
 */
export const replayFailures = async (
  messages: readonly FailureMessage[],
  targets: ReplayTargets,
): Promise<Replay[]> => {
  const parsed = messages.map((message) => ({ message, record: parseFailureRecord(message.body) }));
  const replays: Replay[] = parsed.flatMap(({ message, record }) =>
    record.ok ? [] : [{ message, outcome: { kind: 'unreadable', why: record.why } }],
  );
  const ranges = parsed
    .flatMap(({ message, record }) => (record.ok ? [{ message, batch: record.batch }] : []))
    .sort((a, b) => (startOf(a) < startOf(b) ? -1 : startOf(a) > startOf(b) ? 1 : 0));
  for (const { message, batch } of ranges) {
    const outcome = await redrive(batch, targets).catch((error: unknown): ReplayOutcome => ({
      kind: 'failed',
      why: String(error),
    }));
    replays.push({ message, batch, outcome });
  }
  return replays;
};
