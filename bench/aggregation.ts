import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { toChange } from '../functions/aggregateUsage';
import type { CreatedToken } from '../lib/contract';
import { createDb, type Db } from '../lib/storage/dynamodb';
import { keys } from '../lib/storage/keys';
import { hashToken } from '../lib/tokens/format';
import { consumeUseEvents } from '../lib/usage/consume';
import { getUsage } from '../lib/usage/service';
import { recordUse, type UseRecord } from '../lib/usage/store';
import { utcDay } from '../lib/time';
import { recordDbCalls, writesOf, type DbCall } from './db-calls';
import { freshDeps } from './deps';
import { casesUse } from './events';
import { localClient } from '../local/dynamodb-local';
import { toLambdaRecord } from '../local/stream/records';
import { openTableStream, type TableStream } from '../local/stream/table-stream';
import { median } from './stats';
import { timed } from './timing';
import { createBenchToken } from './tokens';

// One realistic stream batch for the usage aggregator: 1,000 use events of 10 tokens, each token
// used from 5 addresses over the last two hours, written as the authorizer writes them and read
// back from the table's stream as Lambda would deliver them. Timed: one consumeUseEvents call.

export const TOKENS = 10;
export const EVENTS = 1000;
export const ADDRESSES = 5;
export const SPAN_HOURS = 2;
export const RUNS = 5;
/** PutItems of use events in flight at once while preparing a batch (not timed). */
const WRITE_CONCURRENCY = 10;
const STREAM_WAIT_MS = 10_000;

export interface AggregationRun {
  micros: number;
  /** The DynamoDB commands consumeUseEvents sent. */
  calls: DbCall[];
  /** The UTC days the batch's uses fall on: each is a day bucket per token (the two hours may span midnight). */
  days: number;
}

export interface AggregationResult {
  runs: AggregationRun[];
  /** What the correctness check (after the first run) found. */
  verified: string;
}

export const runMicros = ({ runs }: AggregationResult): number[] => runs.map((run) => run.micros);

export const medianMicros = (result: AggregationResult): number => median(runMicros(result));

export const runWrites = ({ runs }: AggregationResult): number[] => runs.map((run) => writesOf(run.calls));

const eventsFor = (tokens: readonly CreatedToken[], now: number): UseRecord[] => {
  const start = now - SPAN_HOURS * 3_600_000;
  const step = (SPAN_HOURS * 3_600_000) / EVENTS;
  return Array.from({ length: EVENTS }, (_, i) => {
    const round = Math.floor(i / TOKENS);
    const token = tokens[i % TOKENS];
    if (token === undefined) throw new Error('no token');
    const at = new Date(Math.floor(start + (i + 0.5) * step));
    return casesUse(hashToken(token.token), at, randomUUID(), `127.0.0.${1 + (round % ADDRESSES)}`);
  });
};

/** Writes the events in time order, a few at a time, as the authorizer of busy containers would. */
const writeEvents = async (writer: Db, events: readonly UseRecord[]): Promise<void> => {
  for (let i = 0; i < events.length; i += WRITE_CONCURRENCY) {
    await Promise.all(events.slice(i, i + WRITE_CONCURRENCY).map((event) => recordUse(writer, event)));
  }
};

/** The stream records of these events, in stream order, as Lambda would put them into a batch. */
const readBatch = async (stream: TableStream, events: readonly UseRecord[]) => {
  const wanted = new Set(events.map((event) => keys.useEvent(event.keyHash, event.at, event.requestId).PK));
  const deadline = Date.now() + STREAM_WAIT_MS;
  for (;;) {
    const records = (await stream.readAll()).filter(
      (record) => record.eventName === 'INSERT' && wanted.has(record.dynamodb?.Keys?.PK?.S ?? ''),
    );
    if (records.length === EVENTS) return records.map((record) => toLambdaRecord(record, stream.arn));
    if (records.length > EVENTS || Date.now() > deadline) {
      throw new Error(`expected ${EVENTS} use events in the stream, found ${records.length}`);
    }
    await sleep(100);
  }
};

const verify = async (reader: Db, userId: string, tokens: readonly CreatedToken[]): Promise<string> => {
  const perToken = EVENTS / TOKENS;
  for (const token of tokens) {
    const outcome = await getUsage(reader, userId, token.id, new Date());
    if (!outcome.ok) throw new Error(`token ${token.id}: no usage after aggregation (${outcome.reason})`);
    const usage = outcome.value;
    const perAddress = usage.ips.map((ip) => ip.requests);
    if (
      usage.requests.day !== perToken ||
      usage.ips.length !== ADDRESSES ||
      perAddress.some((n) => n !== perToken / ADDRESSES) ||
      usage.otherIps.addresses !== 0 ||
      usage.lastUsedAt === null
    ) {
      throw new Error(`token ${token.id}: unexpected usage after aggregation: ${JSON.stringify(usage)}`);
    }
  }
  return (
    `each of the ${TOKENS} tokens' usage (getUsage) shows ${perToken} requests in the last day ` +
    `from ${ADDRESSES} addresses (${perToken / ADDRESSES} each) and a last use`
  );
};

const openStream = async (endpoint: string, tableName: string): Promise<TableStream> => {
  const admin = localClient(endpoint);
  try {
    return await openTableStream(endpoint, admin, tableName);
  } finally {
    admin.destroy();
  }
};

export const measureAggregation = async (endpoint: string): Promise<AggregationResult> => {
  // The consumer's client lives across runs, as a warm Lambda container's does.
  const { config, db: consumer } = await freshDeps(endpoint, 'bench-usage');
  const writer = createDb({ tableName: config.tableName, endpoint });
  const stream = await openStream(endpoint, config.tableName);
  const runs: AggregationRun[] = [];
  let verified = '';
  try {
    for (let run = 0; run < RUNS; run++) {
      const userId = `bench-usage-${randomUUID()}`;
      const tokens: CreatedToken[] = [];
      for (let i = 0; i < TOKENS; i++) {
        tokens.push(await createBenchToken(writer, config.tokens, userId, `usage ${i}`));
      }
      const events = eventsFor(tokens, Date.now());
      await writeEvents(writer, events);
      const records = await readBatch(stream, events);

      const { result, calls } = await recordDbCalls(consumer.client, () =>
        timed(() => consumeUseEvents(consumer, records.map(toChange))),
      );
      const failed = result.answer;
      if (failed.length > 0) throw new Error(`consumeUseEvents failed records: ${failed.join(', ')}`);
      runs.push({ micros: result.micros, calls, days: new Set(events.map((use) => utcDay(use.at.getTime()))).size });
      if (run === 0) verified = await verify(writer, userId, tokens);
    }
  } finally {
    stream.destroy();
    consumer.client.destroy();
    writer.client.destroy();
  }
  return { runs, verified };
};
